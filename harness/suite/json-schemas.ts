/** JSON Schemas for editors (yaml-language-server) and other tools, generated from schema.ts. */
import { z } from 'zod';
import { SuiteFile, TargetFile } from './schema.ts';

export function renderSchemas(): Record<string, string> {
  const render = (schema: z.ZodType, id: string, title: string) =>
    JSON.stringify({ ...z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), $id: id, title }, null, 2) + '\n';
  return {
    'suite.schema.json': render(SuiteFile, 'https://part15.invalid/suite.schema.json', 'part15 suite file (suites/<id>.suite.yaml)'),
    'target.schema.json': render(TargetFile, 'https://part15.invalid/target.schema.json', 'part15 target file (*.target.yaml)'),
  };
}
