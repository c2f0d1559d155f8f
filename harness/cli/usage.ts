export const USAGE = `part15 — DICOM PS3.15 security-profile conformance harness

Usage:
  part15 run --target FILE [--suite ID[,ID…]] [--report-dir DIR]
  part15 run --dimse-tls HOST:PORT --called-ae AE --ca CA.pem --client-cert C.pem --client-key C.key
             [--ca-key CA.key] [--calling-ae AE] [--dimse HOST:PORT] [--dicomweb URL] [--name NAME]
             [--suite ID[,ID…]] [--report-dir DIR]
  (any run)  [--max-connections N] [--probe-timeout MS]   at most N connections at once (default 3);
             every probe step bounded by MS (default: each step's own, 5-8 s)
             [--include-slow]   also run checks that wait by design (stalled handshake: up to 90 s)
             [--show-values]    LAB USE ONLY: keep the values a query returns in the evidence (on a
                                real node that is patient data); every report then says so
  part15 demo [--report-dir DIR]        every suite against every bundled reference node (containers)
  part15 list [--json]                  suites and checks: id, clause, level
  part15 validate FILE…                 check suite (*.suite.yaml) and target (*.target.yaml) files

Exit codes (run): 0 every judged check passed; otherwise the bitwise OR of
  1 any fail · 2 any error · 4 any inconclusive.   64 usage or input error.   130 interrupted.
Exit codes (demo): 0 every reference node was judged; 2 a node could not be started or a check errored.
Reports: DIR/junit.xml, DIR/summary.json, DIR/summary.md, DIR/mochawesome.{html,json}
         (default DIR: reports/<run-id>/).`;
