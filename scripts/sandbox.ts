import { BULLHORN_DEMO } from '../tests/sandbox/bullhorn/model';
import { CLOSINGDEALZ_DEMO } from '../tests/sandbox/closingdealz';
import { CONNECT_DEMO } from '../tests/sandbox/connect';
import { ENTITY_DEMO } from '../tests/sandbox/entity-crm/model';
import { DEMO_KEYS, SEEDED } from '../tests/sandbox/seed';
import { type Sandbox, startSandbox } from '../tests/sandbox/server';

/** `npm run sandbox`: the sandbox CRM on SANDBOX_PORT (default 4010, a free port when that one is taken). */

const port = Number(process.env.SANDBOX_PORT ?? 4010);

async function start(): Promise<Sandbox> {
  try {
    return await startSandbox({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.warn(`Port ${port} is taken; using a free port instead.`);
    return startSandbox({ port: 0 });
  }
}

const sandbox = await start();
const users = SEEDED.users;
const leadPage = (leadId: string) => `${sandbox.url}/lead/${leadId}/`;

console.log(`Ringside sandbox CRMs at ${sandbox.url}
In Ringside's options, pick the CRM, tick "Use a different API URL" where offered, and paste:

Close          API URL ${sandbox.closeApiUrl}
               API key ${DEMO_KEYS.riley}  (${users.riley.name} <${users.riley.email}>)
                       ${DEMO_KEYS.sam}    (${users.sam.name} <${users.sam.email}>)
Bullhorn       API URL ${sandbox.url}/bullhorn/rest-services/
               client id ${BULLHORN_DEMO.clientId} · client secret ${BULLHORN_DEMO.clientSecret}
               API username ${BULLHORN_DEMO.username} · password ${BULLHORN_DEMO.password}
Entity CRM     API URL ${sandbox.url}/entity/
               API key ${ENTITY_DEMO.apiKey} · entity id ${ENTITY_DEMO.entityId}
Connect        API URL ${sandbox.url}/connect/
               secret key ${CONNECT_DEMO.secretKey}
ClosingDealz   API URL ${sandbox.url}/closingdealz/api/v1/
               API key ${CLOSINGDEALZ_DEMO.basic}  (free plan: ${CLOSINGDEALZ_DEMO.free})
Jane Doe (+1 415-555-2671) is in every CRM but ClosingDealz, so one lookup finds her in each.

Sample pages:
  ${sandbox.url}/                     index
  ${sandbox.url}/leads/               all ${sandbox.state.leads.length} leads
  ${leadPage(SEEDED.jane.leadId)}  ${SEEDED.jane.leadName} (Jane Doe)
  ${leadPage(SEEDED.priya.leadId)}  ${SEEDED.priya.leadName} (Priya Patel)

Faults: POST/GET/DELETE ${sandbox.url}/__sandbox/faults · reset: POST ${sandbox.url}/__sandbox/reset
Press Ctrl-C to stop.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sandbox.close().finally(() => process.exit(0));
  });
}
