import { expect, test } from './fixtures';
import { describeSoak, runSoak } from './soak-run';

test('outbox soak (small): every log lands exactly once through faults and worker restarts', async ({
  context,
  extensionId,
  sandbox,
}) => {
  test.setTimeout(180_000);
  const result = await runSoak(context, extensionId, sandbox, {
    logs: 90,
    restartEveryMs: 1_500,
    timeoutMs: 150_000,
  });
  console.log(describeSoak(result));
  expect(result.lost).toEqual([]);
  expect(result.duplicated).toEqual([]);
  expect(result.needsAttention).toBe(0);
  expect(result.restarts).toBeGreaterThan(0);
  expect(result.faults['drop-after-commit']).toBeGreaterThan(0);
  expect(Number.isNaN(result.landedAfterMs)).toBe(false);
});
