// The registry this project installs from mirrors only some platform builds of packages such as
// rollup, esbuild and biome. `npm install` then writes a lock that names optional platform packages it
// could not resolve, and `npm ci` refuses that lock as "out of sync". This drops, from package-lock.json,
// optional dependencies that have no entry of their own. Run it after changing dependencies:
//   npm install && node scripts/prune-lock.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
let pruned = 0;
for (const [location, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  const base = location ? `${location}/node_modules/` : 'node_modules/';
  for (const name of Object.keys(entry.optionalDependencies)) {
    // npm resolves a dependency in the nearest node_modules up the tree.
    const candidates = [`${base}${name}`, `node_modules/${name}`];
    if (!candidates.some((candidate) => candidate in lock.packages)) {
      delete entry.optionalDependencies[name];
      pruned += 1;
    }
  }
  if (Object.keys(entry.optionalDependencies).length === 0) delete entry.optionalDependencies;
}
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`package-lock.json: pruned ${pruned} optional dependencies missing from the registry`);
