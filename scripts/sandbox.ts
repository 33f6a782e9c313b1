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

console.log(`Ringside sandbox CRM (Close API v1 imitation) at ${sandbox.url}

API URL for Ringside's options (Close → API URL):
  ${sandbox.closeApiUrl}

API keys:
  ${DEMO_KEYS.riley}  → ${users.riley.name} <${users.riley.email}>
  ${DEMO_KEYS.sam}    → ${users.sam.name} <${users.sam.email}>

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
