// Writes the bundle's NOTICES.txt: every package that ends up in it (the runtime
// dependencies in package-lock.json), with its version and licence. The tests read it to
// check the committed bundle was built from the locked versions.
import { readFileSync, writeFileSync } from 'node:fs';

const lock = JSON.parse(readFileSync(new URL('./package-lock.json', import.meta.url)));
const lines = Object.entries(lock.packages)
  .filter(([path, info]) => path.startsWith('node_modules/') && !info.dev)
  .map(([path, info]) => `${path.slice('node_modules/'.length)} ${info.version} ${info.license ?? 'see package'}`)
  .sort();
const out = new URL('../src/coalition/collect/static/collect/webform/NOTICES.txt', import.meta.url);
writeFileSync(
  out,
  'Browser form filling for Coalition: ODK Web Forms (https://github.com/getodk/web-forms)\n' +
    'and what it is built with. Package, version, licence:\n\n' +
    lines.join('\n') +
    '\n',
);
