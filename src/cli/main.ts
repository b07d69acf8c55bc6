import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { loadClaims } from '../engine/registry.js';
import { COUNTEREXAMPLE_JSON_SCHEMA } from '../engine/schema.js';
import { defaultStoreDir, listCounterexamples, loadCounterexample } from '../engine/store.js';
import {
  claimsTable,
  ERRATA_END,
  ERRATA_START,
  errataTable,
  replaceBlock,
  withClaimsTable,
} from '../engine/table.js';
import { splitCommandLine } from './commandLine.js';
import { EVAL_BUDGET_S, evalCase, evalJson } from './evalCommand.js';
import { CliError, EXIT } from './exitCodes.js';
import {
  addLedgerFlags,
  addSearchFlags,
  integerAtLeast,
  integerBetween,
  parseSizePair,
  resolveSeed,
  type SearchFlags,
  writeCommanderError,
} from './flags.js';
import {
  DEFAULT_CALL_TIMEOUT_S,
  DEFAULT_MAX_MEMORY_MB,
  DEFAULT_MAX_TIME_S,
  MAX_SECONDS,
  MEMORY_MB_RANGE,
  runFormulaCheck,
} from './formulaCommand.js';
import { FORMULA_OUT_DIR, formulaOutDir } from './formulaOut.js';
import { formatFormulaVerdict } from './formulaReport.js';
import { Progress } from './progress.js';
import { formatReplay, replayFiles } from './replayCommand.js';
import type { ReportOptions } from './reportCommand.js';
import { jsonRow, matrixText, storeErrors, type VerifyOptions, verify } from './verifyCommand.js';

/** Options of `bench`, as commander parses them. */
interface BenchOptions {
  json?: boolean;
  maxN?: number;
  quick?: boolean;
  sweep?: number;
  largeCheck?: [number, number];
}

const program = new Command();
program
  .name('bptt-claims')
  .description(
    'Verify the claims of "Mathematical derivation of BPTT for RNN, and gradient vanishing and exploding problems" against independent oracles.',
  )
  // Set before the subcommands are added: they inherit it.
  .configureOutput({ outputError: writeCommanderError })
  .addHelpText(
    'after',
    `\nExit codes: ${EXIT.ok} ok · ${EXIT.finding} finding (verdict drift, not reproduced, refuted) · ${EXIT.usage} bad input · ${EXIT.inconclusive} a formula check could not judge · ${EXIT.unsaved} result printed, but its evidence could not be saved`,
  )
  .exitOverride();

const verifyCmd = program
  .command('verify')
  .description(
    'run the claims ledger: replay saved counterexamples, search, compare each verdict with the expected one',
  );
addLedgerFlags(verifyCmd);
addSearchFlags(verifyCmd, {
  runs: "search budget per claim (default: each claim's own)",
  activation: "judge that activation's cells only (its column of the verdict matrix)",
  json: 'print a JSON array, one object per claim',
  quiet: 'print only failures and the summary',
}).action(async (opts: VerifyOptions) => {
  const { reports, stray } = await verify(
    opts,
    (l) => console.error(l),
    (l) => console.log(l),
  );
  if (opts.json) console.log(JSON.stringify(reports.map(jsonRow), null, 2));
  const bad = reports.filter((r) => !r.ok).length;
  if (!opts.json) {
    // the matrix is part of the ledger: stdout, so that npm start > ledger.txt keeps it
    console.log(`\n${matrixText(reports, opts)}\n`);
    console.log(`${reports.length - bad} claims as expected, ${bad} drifted`);
  }
  // The verdicts are out; then what went wrong with the store: a counterexample that could not be
  // written (exit 4), a file no claim replays or a bad stored file (malformed, outside its claim's
  // domain or the replay budget: bad input, exit 2).
  const errors = storeErrors(reports, stray);
  for (const l of errors?.lines ?? []) console.error(l);
  const badInput = reports.some((r) => r.badFiles.length > 0);
  process.exitCode = errors?.code ?? (badInput ? EXIT.usage : bad ? EXIT.finding : EXIT.ok);
});

program
  .command('replay')
  .description('re-evaluate saved counterexamples in float64 and at high precision')
  .argument('<file...>', 'counterexample files')
  .option('--json', 'machine-readable output')
  .action(async (files: string[], opts) => {
    const reports = await replayFiles(files);
    if (opts.json) {
      console.log(
        JSON.stringify(
          reports.map(({ file_, result, ...r }) => ({
            ...r,
            witness: result?.outcome,
            reverification: result?.hp ?? null,
          })),
          null,
          2,
        ),
      );
    } else for (const r of reports) console.log(formatReplay(r));
    process.exitCode = Math.max(...reports.map((r) => r.exitCode));
  });

program
  .command('eval')
  .description(
    'evaluate a case file: states, ∂h_t/∂W_R (Theorem 1 and three oracles) and ∂E_t/∂W_R, as JSON (norms; --full for the matrices)',
  )
  .argument('<case>', 'case file (see README, "Case files")')
  .option('--t <t>', 'the step t, 1 ≤ t ≤ T (default T)', integerAtLeast(1))
  .option(
    '--full',
    'print every matrix (default: each one’s shape, max |entry| and Frobenius norm)',
  )
  .addOption(
    new Option(
      '--budget <seconds>',
      `estimated seconds allowed; a larger case is refused with its estimate (default ${EVAL_BUDGET_S})`,
    ).argParser(integerAtLeast(1)),
  )
  .action((file: string, opts: { t?: number; full?: boolean; budget?: number }) => {
    console.log(evalJson(evalCase(file, { ...opts, log: (l) => console.error(l) })));
  });

program
  .command('table')
  .description(
    'print the README claims table generated from the ledger (--write updates README.md)',
  )
  .option('--write', 'rewrite the table in README.md in place (atomically)')
  .action(async (opts) => {
    const claims = await loadClaims();
    if (!opts.write) {
      console.log(claimsTable(claims));
      return;
    }
    const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
    const saved = listCounterexamples(defaultStoreDir()).map((f) => {
      const cf = loadCounterexample(f);
      const c = cf.case;
      return {
        claim: cf.claim,
        file: path.basename(f),
        n: c.W_R.length,
        T: c.xs.length,
        summary: `σ = ${c.activation}, n = ${c.W_R.length}, T = ${c.xs.length}, W_R = ${JSON.stringify(c.W_R)}, params ${JSON.stringify(cf.params)}`,
      };
    });
    const next = replaceBlock(
      withClaimsTable(fs.readFileSync(readme, 'utf8'), claims),
      ERRATA_START,
      ERRATA_END,
      errataTable(claims, saved),
    );
    const tmp = `${readme}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, next);
    fs.renameSync(tmp, readme);
    console.error(`README.md: claims table updated (${claims.length} claims)`);
  });

program
  .command('bench')
  .description(
    'time the closed form, the autodiff Jacobian and one BPTT gradient per case beside PyTorch 1.13, the claim throughput, the large Theorem 1 check, the search for every refuted claim and npm test',
  )
  .option(
    '--json',
    'print only the per-case array of {n, T, closedFormMs, autodiffJacobianMs, bpttGradientMs}',
  )
  .addOption(
    new Option('--max-n <n>', 'largest n to time per case (default 128)').argParser(
      integerAtLeast(1),
    ),
  )
  .option('--quick', 'skip the two slow figures: the search speed (~2 min) and npm test (~1.5 min)')
  .addOption(
    new Option(
      '--sweep <seeds>',
      'only run the full ledger under seeds 1…N and tally the verdicts',
    ).argParser(integerAtLeast(1)),
  )
  .addOption(
    new Option(
      '--large-check <n,T>',
      'only run the Theorem 1 check at n, T and print its time and peak memory as JSON',
    ).argParser(parseSizePair),
  )
  .action(async (opts: BenchOptions) => {
    const b = await import('./benchCommand.js');
    if (opts.largeCheck !== undefined) {
      const [n, T] = opts.largeCheck;
      console.log(JSON.stringify(b.largeCheck(n, T)));
      return;
    }
    const sweep = opts.sweep;
    if (sweep !== undefined) {
      const rows = await b.seedSweep(sweep, (l) => console.error(l));
      console.log(opts.json ? JSON.stringify(rows, null, 2) : b.formatSweep(rows, sweep));
      process.exitCode = rows.some((r) => r.failures.length) ? EXIT.finding : EXIT.ok;
      return;
    }
    const maxN = opts.maxN ?? 128;
    const rows = b.benchPerCase(
      b.BENCH_SIZES.filter(([n]) => n <= maxN),
      (l) => {
        if (!opts.json) console.error(l);
      },
    );
    if (opts.json) {
      console.log(JSON.stringify(rows, null, 2));
      return;
    }
    console.log(b.formatBench(rows));
    const tp = await b.claimThroughput();
    console.log(
      `\nthm1.kron-descending on the default generators (n ≤ 8, T ≤ 20): ${Math.round(tp.casesPerSecond)} cases/s (${tp.cases} cases; target ≥ 1000; Hypothesis + PyTorch: 460 cases/s)`,
    );
    const { n, T } = b.LARGE_CHECK_TARGET;
    console.error(`Theorem 1 check at n = ${n}, T = ${T} in a fresh process …`);
    console.log(`\n${b.formatLargeCheck(await b.largeCheckInChild(n, T))}`);
    if (opts.quick) return;
    console.log(`\n${b.formatSearch(await b.searchSpeed(10, (l) => console.error(l)))}`);
    console.error('npm test …');
    const nt = await b.npmTestWallTime();
    console.log(
      `\nnpm test: ${nt.seconds.toFixed(0)} s wall (target < 120 s) ${nt.seconds < 120 ? '✓' : '✗'}, ${nt.summary}${nt.ok ? '' : ' (FAILED)'}`,
    );
  });

for (const kind of ['jacobian', 'gradient'] as const) {
  const what = kind === 'jacobian' ? '∂h_t/∂W_R (n×n², vec(W_R) row-major)' : '∂E_t/∂W_R (n×n)';
  const cmd = program
    .command(`check-${kind}`)
    .description(
      `check your own formula for ${what} against autodiff on generated cases; shrink and save a failure`,
    )
    .argument(
      '[formula]',
      '.ts, .js or .mjs module whose default export is (c, t) => number[][], or a .py file (run with python3)',
    )
    .option(
      '--cmd <command>',
      'instead of FORMULA: a command line (split into words, no shell) answering one JSON request per line (see the README)',
    )
    .option(
      '--out <dir>',
      `where a counterexample is saved, created if missing (default: ${FORMULA_OUT_DIR}/ in the current directory)`,
    )
    .addOption(
      new Option('--timeout <s>', `seconds one formula call may take (at most ${MAX_SECONDS})`)
        .argParser(integerBetween(1, MAX_SECONDS))
        .default(DEFAULT_CALL_TIMEOUT_S),
    )
    .addOption(
      new Option(
        '--max-time <s>',
        `seconds the whole check (search and shrinking) may take (at most ${MAX_SECONDS})`,
      )
        .argParser(integerBetween(1, MAX_SECONDS))
        .default(DEFAULT_MAX_TIME_S),
    )
    .addOption(
      new Option('--max-memory <mb>', "MB of heap the formula's process may use")
        .argParser(integerBetween(...MEMORY_MB_RANGE))
        .default(DEFAULT_MAX_MEMORY_MB),
    );
  addSearchFlags(cmd, {
    runs: 'cases to try',
    runsDefault: 500,
    activation: 'only this activation',
    json: 'print the verdict as JSON',
    quiet: 'no progress',
  })
    .addHelpText(
      'after',
      `\nExit codes: 0 the formula holds · 1 refuted (a shrunk counterexample is saved) · 2 error (missing module, throws, wrong shape, NaN, never returns, runs out of memory) · 3 inconclusive (most runs compared nothing, or --max-time stopped the search) · 4 refuted, but the counterexample could not be saved (it is printed)`,
    )
    .action(
      async (
        file: string | undefined,
        opts: SearchFlags & {
          runs: number;
          cmd?: string;
          out?: string;
          timeout: number;
          maxTime: number;
          maxMemory: number;
        },
      ) => {
        if ((file === undefined) === (opts.cmd === undefined))
          throw new CliError(
            file === undefined ? 'missing FORMULA (or --cmd)' : 'give FORMULA or --cmd, not both',
            EXIT.usage,
            `check-${kind} FORMULA, or check-${kind} --cmd "python3 my_formula.py"`,
          );
        // A command line that does not split is bad input before anything runs.
        if (opts.cmd !== undefined) splitCommandLine(opts.cmd);
        const seed = resolveSeed(opts.seed);
        const outDir = formulaOutDir(opts.out);
        const progress = new Progress(
          `check-${kind}`,
          process.stderr,
          Boolean(opts.quiet || opts.json),
        );
        const v = await runFormulaCheck(
          file ?? (opts.cmd as string),
          kind,
          {
            runs: opts.runs,
            seed,
            outDir,
            maxTimeS: opts.maxTime,
            ...(opts.activation ? { activations: [opts.activation] } : {}),
          },
          (d, t) => progress.update(d, t),
          opts.timeout,
          opts.maxMemory,
          opts.cmd === undefined ? undefined : { cmd: opts.cmd, cwd: process.cwd(), kind },
        );
        progress.done();
        if (opts.json) console.log(JSON.stringify(v, null, 2));
        else console.log(formatFormulaVerdict(v));
        if (v.createdOutDir) console.error(`--out: created ${outDir}`);
        // The verdict and its case are printed; then why the file is missing.
        if (v.saveError !== null)
          console.error(`error: could not save ${v.counterexample}: ${v.saveError}`);
        process.exitCode =
          v.verdict === 'holds'
            ? EXIT.ok
            : v.verdict === 'inconclusive'
              ? EXIT.inconclusive
              : v.saveError !== null
                ? EXIT.unsaved
                : EXIT.finding;
      },
    );
}

const reportCmd = program
  .command('report')
  .description(
    'run the ledger and write a static report: index.html (self-contained, opens from disk) and REPORT.md with SVG plots',
  )
  .option('--out <dir>', 'output folder (default: reports/ in the repository, git-ignored)')
  .option(
    '--json-input <file>',
    'render a saved `verify --json` output instead of running the ledger',
  );
addLedgerFlags(reportCmd);
addSearchFlags(reportCmd, {
  runs: "search budget per claim (default: each claim's own)",
  activation: 'restrict the generators to one activation',
  quiet: 'no progress on stderr',
})
  .addHelpText(
    'after',
    `\nExamples:\n  npx bptt-claims report                      # the whole ledger into reports/\n  npx bptt-claims report --claim thm1.literal-hv --runs 100 --out /tmp/r\n  npx bptt-claims verify --json > v.json && npx bptt-claims report --json-input v.json\n\nPrints the paths of index.html and REPORT.md. Exit codes: 0 written, every verdict as expected · 1 written, a verdict drifted or a counterexample does not reproduce as stored · 2 bad input (also a malformed counterexample file)`,
  )
  // Loaded on use: the report pulls in Observable Plot and linkedom, which every other command
  // would otherwise pay for at start-up.
  .action(async (opts: ReportOptions) => {
    const { reportAction } = await import('./reportCommand.js');
    await reportAction(opts);
  });

program
  .command('schema')
  .description('print the JSON Schema of counterexample files')
  .action(() => {
    console.log(JSON.stringify(COUNTEREXAMPLE_JSON_SCHEMA, null, 2));
  });

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else if (e instanceof CliError) {
    console.error(`error: ${e.message}${e.hint ? `\nhint: ${e.hint}` : ''}`);
    process.exitCode = e.code;
  } else {
    console.error(`internal error: ${(e as Error).stack ?? e}`);
    process.exitCode = 70;
  }
}
