/**
 * Runs one check against a running target: applicability → probe steps → pure evaluation. Returns
 * a CheckRecord; never throws. Harness faults become `error` verdicts with their reason, missing
 * prerequisites become `inconclusive`, and nothing that did not match an expectation becomes `pass`.
 */
import type { Evidence } from '../core/evidence.ts';
import { HarnessError } from '../core/errors.ts';
import { NotApplicableError, PrerequisiteNotMetError, type ProbeContext } from '../core/probe.ts';
import { redact } from '../core/redact.ts';
import type { CheckRecord } from '../core/run-record.ts';
import type { RunningTarget } from '../core/target.ts';
import { verdict, type Judgement } from '../core/verdict.ts';
import { evaluateExpectation } from '../evaluate/evaluate-check.ts';
import { declaredEndpointFor } from '../probes/endpoint.ts';
import { runStep } from '../probes/registry.ts';
import type { Suite } from '../suite/load-suite.ts';
import { AUDIT_STIMULI, type Check } from '../suite/schema.ts';

export interface RunCheckContext {
  signal: AbortSignal;
  /** Caps every step's own timeoutMs (a run option: quick runs against silent peers). */
  probeTimeoutMs?: number;
  /** Run checks marked `slow: true` (they wait up to minutes by design). */
  includeSlow?: boolean;
  /** --show-values: keep the values a query returns in the evidence (lab use only; reports say so). */
  showValues?: boolean;
}

/** Limits a user sets for one run, over the target's own. */
export interface RunLimits {
  maxConnections?: number;
  probeTimeoutMs?: number;
  includeSlow?: boolean;
  showValues?: boolean;
}

/** The check with every step's timeout capped (a new object; suites stay as loaded). */
export function withProbeTimeoutCap(check: Check, capMs: number | undefined): Check {
  if (capMs === undefined) return check;
  return { ...check, steps: check.steps.map((s) => ({ ...s, params: { ...s.params, timeoutMs: Math.min(s.params.timeoutMs, capMs) } }) as typeof s) };
}

export function checkRecordBase(suite: Suite, check: Check): Omit<CheckRecord, 'status' | 'startedAt' | 'durationMs' | 'evidence'> {
  return { suiteId: suite.id, checkId: check.id, title: check.title, requirement: { ...check.requirement }, ...(check.remedy ? { remedy: check.remedy } : {}) };
}

/** Why a check cannot apply to this target, or undefined when it can. */
export function notApplicableReason(check: Check, target: Pick<RunningTarget, 'endpoints'>): string | undefined {
  const missing = [...new Set(check.steps.map((s) => s.params.endpoint))].filter((e) => declaredEndpointFor(target.endpoints, e) === undefined);
  return missing.length > 0 ? `the target declares no ${missing.map((e) => (e === 'dicom' || e === 'service' ? 'DICOM' : e === 'web' || e === 'cleartext' ? 'web (http or https)' : e)).join(' or ')} endpoint` : undefined;
}

/**
 * A whole check may take no longer than its steps' own limits plus a margin; past that it is an
 * error. An audit step also waits for the audit window, and for the other stimuli ahead of it
 * (they run one at a time).
 */
export function checkTimeLimitMs(check: Check, target?: Pick<RunningTarget, 'audit'>): number {
  const probeMs = check.steps
    .filter((s) => s.probe !== 'audit.capture')
    .reduce((sum, s) => sum + s.params.timeoutMs + ('settleMs' in s.params ? s.params.settleMs : 0) + ('waitMs' in s.params ? s.params.waitMs : 0), 0);
  // Every stimulus of the run may be ahead in the queue, each once: the bound is per run, not per step.
  const audit = check.steps.filter((s) => s.probe === 'audit.capture');
  const stimulusMs = audit.reduce((max, s) => Math.max(max, s.params.timeoutMs + s.params.settleMs), 0);
  const auditMs = audit.length > 0 ? AUDIT_STIMULI.length * (stimulusMs + (target?.audit?.windowMs ?? 0) + 10_000) : 0;
  return probeMs + auditMs + 5_000;
}

export async function runCheck(suite: Suite, asLoaded: Check, target: RunningTarget, ctx: RunCheckContext): Promise<CheckRecord> {
  const check = withProbeTimeoutCap(asLoaded, ctx.probeTimeoutMs);
  const base = checkRecordBase(suite, check);
  const startedAt = new Date();
  const finish = (rest: Pick<CheckRecord, 'status'> & Partial<CheckRecord>): CheckRecord => ({
    ...base,
    evidence: [],
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    ...rest,
  });
  if (check.skip) return finish({ status: 'disabled', statusReason: check.skip.reason + (check.skip.until ? ` (until ${check.skip.until})` : '') });
  if (check.slow && !ctx.includeSlow) return finish({ status: 'disabled', statusReason: 'a slow check (it waits up to minutes by design): run with --include-slow' });
  const na = notApplicableReason(check, target);
  if (na) return finish({ status: 'not-applicable', statusReason: na });

  const evidence = new Map<string, Evidence>();
  const limitMs = checkTimeLimitMs(check, target);
  const local = new AbortController();
  const onOuterAbort = () => local.abort();
  ctx.signal.addEventListener('abort', onOuterAbort, { once: true });
  let timer: NodeJS.Timeout | undefined;
  const overtime = new Promise<Judgement>((resolve) => {
    timer = setTimeout(() => {
      local.abort();
      resolve(verdict.error('check-timeout', `the check did not finish within ${limitMs} ms`));
    }, limitMs);
  });
  try {
    const judged = await Promise.race([runSteps(check, target, evidence, { signal: local.signal, ...(ctx.showValues ? { showValues: true } : {}) }), overtime]);
    const captured = [...evidence.values()].map((e) => redact(e));
    if (judged.kind === 'not-applicable') return finish({ status: 'not-applicable', statusReason: judged.reason, evidence: captured });
    return finish({ status: 'judged', verdict: judged, evidence: captured });
  } finally {
    clearTimeout(timer);
    ctx.signal.removeEventListener('abort', onOuterAbort);
  }
}

async function runSteps(check: Check, target: RunningTarget, evidence: Map<string, Evidence>, probeCtx: ProbeContext): Promise<Judgement> {
  for (const step of check.steps) {
    if (probeCtx.signal.aborted) return verdict.error('bug-in-harness', 'the run was interrupted');
    try {
      evidence.set(step.as, await runStep(target, step, probeCtx));
    } catch (e) {
      if (e instanceof PrerequisiteNotMetError) return verdict.inconclusive('prerequisite-not-met', `step ${step.as}: ${e.message}`);
      if (e instanceof NotApplicableError) return { kind: 'not-applicable', reason: e.message };
      const err = e as Error;
      const reason = e instanceof HarnessError && e.code === 'ERR_FIXTURE_MISSING' ? 'fixture-missing' : 'bug-in-harness';
      return verdict.error(reason, `step ${step.as} (${step.probe}) failed inside the harness: ${err.message}`, {
        name: err.name,
        message: err.message,
        ...(e instanceof HarnessError ? { code: e.code } : {}),
      });
    }
  }
  return evaluateExpectation(check.expect, evidence);
}
