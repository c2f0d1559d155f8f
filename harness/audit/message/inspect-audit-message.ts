/**
 * Everything the harness can say about one captured audit message on its own (PS3.15 A.5;
 * catalogue §4.8): well-formedness (AUD-FMT-01), the A.5.1.1 schema (AUD-FMT-02) and the content
 * rules (audit-rules.ts). Correlation with what the harness did is the caller's, from `model`.
 *
 * The schema's known conflict with the A.5.3 tables (catalogue §4.2): the schema makes
 * "ParticipantObjectName | ParticipantObjectQuery" a non-optional choice, the tables make both U.
 * A message that fails the schema only for that is reported as a warning. "Only for that" is
 * established by re-validating the message with a ParticipantObjectName inserted where it lacks
 * both: if that copy is valid, nothing else was wrong.
 *
 * A schema result of 'unavailable' (no xmllint) adds no problem: it decides nothing about the
 * message, and the caller must not read it as valid.
 */
import type { AuditProblem } from './audit-problem.ts';
import { checkAuditRules } from './audit-rules.ts';
import { locateElement, parseAuditXml, type AuditMessageModel } from './audit-xml.ts';
import { validateAuditSchema, type SchemaValidation, type ValidateOptions } from './validate-schema.ts';
import type { XmlDocument } from './xml-reader.ts';

export interface InspectedAuditMessage {
  wellFormed: boolean;
  schema: SchemaValidation;
  model?: AuditMessageModel;
  problems: AuditProblem[];
}

/** The placeholder the conflict probe inserts; never reported as the message's content. */
const PROBE_NAME = '<ParticipantObjectName>part15-schema-probe</ParticipantObjectName>';

export async function inspectAuditMessage(xml: string, options: ValidateOptions = {}): Promise<InspectedAuditMessage> {
  const parsed = parseAuditXml(xml);
  const schema = await validateAuditSchema(xml, options);
  const problems = [...parsed.problems];
  if (parsed.wellFormed && parsed.document && schema.kind === 'invalid') problems.push(...(await schemaProblems(parsed.document, schema.problems, options)));
  if (parsed.model) problems.push(...checkAuditRules(parsed.model));
  return { wellFormed: parsed.wellFormed, schema, ...(parsed.model ? { model: parsed.model } : {}), problems };
}

async function schemaProblems(document: XmlDocument, reported: string[], options: ValidateOptions): Promise<AuditProblem[]> {
  const lacking = objectsWithoutNameOrQuery(document);
  if (lacking.length > 0) {
    let probe = document.text;
    for (const { insertAt } of [...lacking].reverse()) probe = probe.slice(0, insertAt) + PROBE_NAME + probe.slice(insertAt);
    const again = await validateAuditSchema(probe, options);
    if (again.kind === 'valid') {
      return [{
        rule: 'AUD-FMT-02',
        severity: 'warn',
        path: lacking.map((l) => l.path).join(', '),
        message: 'schema/table conflict: the A.5.1.1 schema requires ParticipantObjectName or ParticipantObjectQuery in every ParticipantObjectIdentification, the A.5.3 tables make both optional (U); found neither, and the message is otherwise schema-valid (re-validated with a ParticipantObjectName inserted)',
      }];
    }
  }
  return reported.map((problem) => {
    const m = /^line (\d+): element ([^\s:]+): /.exec(problem);
    const path = (m && locateElement(document, m[2]!, Number(m[1]))) ?? /^line \d+/.exec(problem)?.[0] ?? 'AuditMessage';
    return { rule: 'AUD-FMT-02', severity: 'fail', path, message: `not valid against the A.5.1.1 schema: ${problem}` };
  });
}

/** ParticipantObjectIdentification elements with neither a name nor a query, and where a name would go (after the ID type code). */
function objectsWithoutNameOrQuery(document: XmlDocument): Array<{ path: string; insertAt: number }> {
  const out: Array<{ path: string; insertAt: number }> = [];
  document.root.children
    .filter((c) => c.name === 'ParticipantObjectIdentification')
    .forEach((po, i) => {
      if (po.children.some((c) => c.name === 'ParticipantObjectName' || c.name === 'ParticipantObjectQuery')) return;
      const idType = po.children.find((c) => c.name === 'ParticipantObjectIDTypeCode');
      if (idType) out.push({ path: `ParticipantObjectIdentification[${i + 1}]`, insertAt: idType.end });
    });
  return out;
}
