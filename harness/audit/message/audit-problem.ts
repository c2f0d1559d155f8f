/**
 * One finding on one captured audit message, named by the catalogue check it breaks
 * (PART15-CATALOGUE.md §4.4 AUD-GEN-xx, §4.8 AUD-FMT-xx). 'fail' breaks a "shall"; 'warn' is a
 * deviation the catalogue asks to report without failing (legacy spellings, text that differs
 * from PS3.16, schema/table conflicts).
 */
export interface AuditProblem {
  rule: string;
  severity: 'fail' | 'warn';
  /** Where, XPath-like and 1-based below the root, e.g. 'ActiveParticipant[2]/@UserIsRequestor'. */
  path: string;
  /** What was expected and what was found. */
  message: string;
}
