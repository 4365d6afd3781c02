// Runs the cases: checks the options and the gateway, then every selected case concurrently (each
// on its own order, so they cannot disturb one another), and gathers the report.

import { randomBytes } from "node:crypto";
import { CASES, type CaseId } from "./cases.js";
import { CaseContext } from "./context.js";
import {
  duplicateConcurrent,
  duplicateSequential,
  failedAfterPaid,
  genuinePaid,
  latencyWithinTimeout,
  pendingAfterPaid,
  replayOriginalNonce,
  retryFreshNonce,
} from "./deliveries.js";
import {
  lengthExtension,
  malformedAuthorization,
  missingAuthorization,
  otherAppId,
  otherUrl,
  reserializedBody,
  tamperedByte,
  wrongSecret,
} from "./forge.js";
import { CertifyGateway } from "./gateway.js";
import { invalidJson, oversized } from "./limits.js";
import { type CertifyOptions, resolveCertifyOptions } from "./options.js";
import type { CaseResult, CertifyReport } from "./report.js";
import { returnPageQueryStatus } from "./return-page.js";
import { CertifyProblem } from "./transport.js";
import { type Verdict, fail } from "./verdict.js";
import { futureInside, futureOutside, pastInside, pastOutside } from "./window.js";

/** Every case's check; a case in the list without one does not compile. */
const CHECKS: Record<CaseId, (ctx: CaseContext) => Promise<Verdict>> = {
  "genuine-paid": genuinePaid,
  "duplicate-sequential": duplicateSequential,
  "duplicate-concurrent": duplicateConcurrent,
  "retry-fresh-nonce": retryFreshNonce,
  "out-of-order-failed-after-paid": failedAfterPaid,
  "out-of-order-pending-after-paid": pendingAfterPaid,
  "forged-wrong-secret": wrongSecret,
  "forged-tampered-byte": tamperedByte,
  "forged-reserialized-body": reserializedBody,
  "forged-other-url": otherUrl,
  "forged-other-app-id": otherAppId,
  "forged-missing-authorization": missingAuthorization,
  "forged-malformed-authorization": malformedAuthorization,
  "forged-length-extension": lengthExtension,
  "replay-original-nonce": replayOriginalNonce,
  "clock-past-outside": pastOutside,
  "clock-past-inside": pastInside,
  "clock-future-outside": futureOutside,
  "clock-future-inside": futureInside,
  "body-oversized": oversized,
  "body-invalid-json": invalidJson,
  "latency-within-timeout": latencyWithinTimeout,
  "return-page-query-status": returnPageQueryStatus,
};

/**
 * Runs certify's conformance cases against a merchant's running integration and resolves with
 * the report; `report.ok` is false when any case failed. Throws a CertifyOptionsError for
 * options that cannot run, and a CertifyProblem when the gateway cannot be used (unreachable,
 * not a reference gateway, the merchant's credentials refused). Never throws for anything the
 * merchant does: that is a failed case.
 */
export async function certifyIntegration(options: CertifyOptions): Promise<CertifyReport> {
  const resolved = resolveCertifyOptions(options);
  const started = performance.now();
  const gateway = new CertifyGateway(resolved.gatewayUrl, resolved.merchant, resolved.controlToken, resolved.timeoutMs);
  await gateway.check();
  const ctx = new CaseContext(resolved, gateway, randomBytes(6).toString("hex").toUpperCase());

  const results = new Map<CaseId, CaseResult>();
  const queue = [...resolved.cases];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const result = await runCase(ctx, id);
      results.set(id, result);
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.min(resolved.concurrency, queue.length) }, worker));

  const ordered = resolved.cases.map((id) => results.get(id)!);
  const count = (status: CaseResult["status"]) => ordered.filter((result) => result.status === status).length;
  const counts = { passed: count("pass"), failed: count("fail"), skipped: count("skip") };
  return {
    ok: counts.failed === 0,
    target: {
      notifyUrl: resolved.notifyUrl,
      returnUrl: resolved.returnUrl ?? null,
      gatewayUrl: resolved.gatewayUrl,
      appId: resolved.merchant.appId,
    },
    results: ordered,
    counts,
    durationMs: performance.now() - started,
  };
}

async function runCase(ctx: CaseContext, id: CaseId): Promise<CaseResult> {
  const entry = CASES.find((candidate) => candidate.id === id)!;
  const started = performance.now();
  let verdict: Verdict;
  try {
    verdict = await CHECKS[id](ctx);
  } catch (error) {
    // A source, the gateway or certify itself failed: the case cannot say pass, so it fails, saying why.
    verdict = fail(
      error instanceof CertifyProblem
        ? `could not run: ${error.message}`
        : `certify failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return {
    id,
    group: entry.group,
    title: entry.title,
    status: verdict.status,
    detail: verdict.detail,
    durationMs: performance.now() - started,
  };
}
