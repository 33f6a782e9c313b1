import { beforeEach, describe, expect, it } from 'vitest';
import { createConnectionService } from '../../lib/background/connections';
import { createUserMapping, describeMatch, matchUserByEmail } from '../../lib/background/user-mapping';
import type { CrmUser } from '../../lib/crm/adapter';
import { userMapItem } from '../../lib/store/user-map';
import { connectTarget } from '../conformance/connect.target';
import { BULLHORN_DEMO, BULLHORN_SEEDED } from '../sandbox/bullhorn/model';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { memorySecrets } from '../support/memory-secrets';
import { useSandbox } from '../support/use-sandbox';

const USERS: CrmUser[] = [
  { id: 'u1', name: 'Riley Recruiter', email: 'Riley@Agency.example' },
  { id: 'u2', name: 'Sam Sourcer', email: 'sam@agency.example' },
  { id: 'u3', name: 'No Email' },
];

describe('matchUserByEmail', () => {
  it('matches the account’s email case-insensitively, ignoring surrounding spaces', () => {
    expect(matchUserByEmail(USERS, 'riley@agency.example')).toEqual({ kind: 'matched', user: USERS[0] });
    expect(matchUserByEmail(USERS, '  RILEY@AGENCY.EXAMPLE ')).toEqual({ kind: 'matched', user: USERS[0] });
  });

  it('says so when nobody has the email, or the account has none', () => {
    expect(matchUserByEmail(USERS, 'morgan@agency.example')).toEqual({ kind: 'none' });
    expect(matchUserByEmail(USERS, undefined)).toEqual({ kind: 'no-email' });
    expect(matchUserByEmail(USERS, '  ')).toEqual({ kind: 'no-email' });
    expect(matchUserByEmail([], 'riley@agency.example')).toEqual({ kind: 'none' });
  });

  it('picks nobody when several users share the email', () => {
    const twins = [...USERS, { id: 'u4', name: 'Riley (old)', email: 'riley@agency.example' }];
    const match = matchUserByEmail(twins, 'riley@agency.example');
    expect(match).toEqual({ kind: 'ambiguous', users: [USERS[0], twins[3]] });
    expect(describeMatch(match, 'Close', 'riley@agency.example')).toBe(
      '2 Close users have the email riley@agency.example. Choose the user calls are logged as.',
    );
  });
});

describe('user mapping over HTTP', () => {
  let connections: ReturnType<typeof createConnectionService>;
  let mapping: ReturnType<typeof createUserMapping>;
  const sandbox = useSandbox();

  beforeEach(() => {
    connections = createConnectionService(memorySecrets());
    mapping = createUserMapping(connections, () => 1_000);
  });

  const saveClose = (apiKey: string = DEMO_KEYS.riley) =>
    connections.save({ provider: 'close', baseUrl: sandbox.closeApiUrl, fields: { apiKey } });

  it('on connecting Close, maps the key’s user by email', async () => {
    const connection = await saveClose(DEMO_KEYS.sam);
    expect(await mapping.refresh(connection)).toEqual({
      source: 'email',
      userId: SEEDED.users.sam.id,
      userName: 'Sam Sourcer',
      at: 1_000,
    });
    expect((await userMapItem.get())[connection.id]?.userId).toBe(SEEDED.users.sam.id);
  });

  it('on connecting Bullhorn, maps the API user’s CorporateUser by email', async () => {
    const connection = await connections.save({
      provider: 'bullhorn',
      baseUrl: `${sandbox.url}/bullhorn/rest-services/`,
      fields: { ...BULLHORN_DEMO },
    });
    expect(await mapping.refresh(connection)).toMatchObject({
      source: 'email',
      userId: String(BULLHORN_SEEDED.riley.id),
      userName: BULLHORN_SEEDED.riley.name,
    });
  });

  it('maps nobody when two CRM users have the account’s email, and says why', async () => {
    const riley = sandbox.state.users.find((user) => user.id === SEEDED.users.riley.id);
    if (!riley) throw new Error('riley is seeded');
    sandbox.state.users.push({ ...riley, id: 'user_rileytwin', email: riley.email.toUpperCase() });
    const connection = await saveClose();
    expect(await mapping.refresh(connection)).toEqual({
      source: 'none',
      reason: `2 Close users have the email ${SEEDED.users.riley.email}. Choose the user calls are logged as.`,
      at: 1_000,
    });
  });

  it('a CRM that cannot answer leaves a mapping that says why, and no user', async () => {
    const connection = await saveClose();
    sandbox.faults.add({ kind: 'status', status: 503 });
    const result = await mapping.refresh(connection);
    expect(result?.source).toBe('none');
    expect(result?.userId).toBeUndefined();
    expect(result?.reason).toMatch(/^Ringside could not list the Close users: Close is unavailable/);
  });

  it('a chosen user is kept when the connection is saved again; null goes back to the email match', async () => {
    const connection = await saveClose();
    await mapping.refresh(connection);
    const listed = await mapping.list(connection.id);
    expect(listed.users.map((user) => user.name)).toEqual(
      expect.arrayContaining(['Riley Recruiter', 'Morgan Manager', 'Sam Sourcer']),
    );
    expect(listed.mapping?.userId).toBe(SEEDED.users.riley.id);

    expect(await mapping.choose(connection.id, SEEDED.users.morgan.id)).toMatchObject({
      source: 'chosen',
      userId: SEEDED.users.morgan.id,
      userName: 'Morgan Manager',
    });
    expect(await mapping.refresh(await saveClose())).toMatchObject({ userId: SEEDED.users.morgan.id });

    expect(await mapping.choose(connection.id, null)).toMatchObject({
      source: 'email',
      userId: SEEDED.users.riley.id,
    });
  });

  it('refuses a user the CRM does not have', async () => {
    const connection = await saveClose();
    await expect(mapping.choose(connection.id, 'user_nobody')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('a CRM without users maps nothing; forgetting a connection drops its mapping', async () => {
    const connect = await connections.save({
      provider: 'connect',
      baseUrl: connectTarget.baseUrl(sandbox),
      fields: connectTarget.credentials,
    });
    expect(await mapping.refresh(connect)).toBeUndefined();
    const close = await saveClose();
    await mapping.refresh(close);
    await mapping.forget(close.id);
    expect(await userMapItem.get()).toEqual({});
  });
});
