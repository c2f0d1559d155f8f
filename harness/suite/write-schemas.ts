/** Writes suites/suite.schema.json and suites/target.schema.json from schema.ts (`npm run schema`). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUITES_DIR } from '../paths.ts';
import { renderSchemas } from './json-schemas.ts';

for (const [name, text] of Object.entries(renderSchemas())) {
  writeFileSync(join(SUITES_DIR, name), text);
  console.log(`wrote suites/${name}`);
}
