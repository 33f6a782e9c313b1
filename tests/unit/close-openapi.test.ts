import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createCloseAdapter } from '../../lib/crm/providers/close';
import { DEMO_KEYS, SEEDED } from '../sandbox/seed';
import { useSandbox } from '../support/use-sandbox';

/**
 * Every request the Close adapter sends must match a path, a method and the request schema of Close's
 * published OpenAPI file (kept in ../shared/specs, not copied here). `POST /data/search/` is the one
 * documented exception: Close documents it on its advanced-filtering page, not in the file.
 */
const SPEC_PATH = resolve(import.meta.dirname, '../../../shared/specs/close/close-openapi.yml');
const NOT_IN_SPEC = new Set(['POST /data/search/']);

interface Operation {
  requestBody?: { content?: Record<string, { schema?: object }> };
}
interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: object;
}

const sandbox = useSandbox();

function findOperation(spec: Spec, method: string, path: string) {
  for (const [template, operations] of Object.entries(spec.paths)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path)) return { template, operation: operations[method.toLowerCase()] };
  }
  return undefined;
}

describe('Close adapter requests against the OpenAPI file', () => {
  it('match a documented path, method and request schema', async () => {
    const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Spec;
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);

    const close = createCloseAdapter({
      connectionId: 'c',
      credentials: { apiKey: DEMO_KEYS.riley },
      baseUrl: sandbox.closeApiUrl,
    });
    await close.whoAmI();
    const [jane] = await close.search({ phone: SEEDED.jane.mobile });
    await close.search({ email: 'priya@northwind.example' });
    if (!jane) throw new Error('seeded contact not found');
    await close.getRecord(jane.ref);
    await close.logActivity({
      channel: 'call',
      record: jane.ref,
      direction: 'outbound',
      durationSec: 42,
      phone: SEEDED.jane.mobile,
      note: 'Contract check',
      activityAt: '2026-11-22T10:00:00.000Z',
    });

    const seen = new Set<string>();
    for (const request of sandbox.requests) {
      const path = request.path.replace(/^\/api\/v1/, '');
      const key = `${request.method} ${path.replace(/\/(lead|cont|acti)_[^/]+\//, '/{id}/')}`;
      seen.add(key);
      if (NOT_IN_SPEC.has(key)) continue;
      const found = findOperation(spec, request.method, path);
      expect(found, `${key} is not a path in the OpenAPI file`).toBeDefined();
      expect(found?.operation, `${key}: method not in the OpenAPI file`).toBeDefined();
      const schema = found?.operation?.requestBody?.content?.['application/json']?.schema;
      if (request.body !== undefined && request.body !== null) {
        expect(schema, `${key} sends a body the OpenAPI file does not describe`).toBeDefined();
        const validate = ajv.compile({ ...schema, components: spec.components });
        expect(validate(request.body), `${key}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
    expect([...seen].sort()).toEqual([
      'GET /contact/{id}/',
      'GET /lead/{id}/',
      'GET /me/',
      'POST /activity/call/',
      'POST /data/search/',
    ]);
  });
});
