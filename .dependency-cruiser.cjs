/**
 * The layer rules of src/ (README, "Layout"), checked by dependency-cruiser in `npm test`
 * (properties/layers.test.ts). Each layer imports only the layers below it; within layer 3 the
 * paper may call the oracles (as the truth), never the reverse, and layers 3–4 write their checks
 * in engine/contract's vocabulary. A test may also use src/testing/ (which nothing else may),
 * the generators, the oracles and engine/contract.
 *
 *   1 numerics   float kernels, eigen/SVD/Lyapunov/JSR, the exact and 60-digit stack
 *   2 model      activations, case files, forward passes, exact trajectories
 *   3 oracles    autodiff, complex step, finite differences, 60-digit duals: never the paper,
 *                nor one another
 *   3 paper      the paper's mathematics by section (may use the oracles as the truth)
 *   4 generators fast-check arbitraries
 *   5 engine     claims, runner, replay, registry, store, schema, seed, table: knows no paper
 *   5 kinds      identity, bound and limit claims
 *   6 cli        commands and the report
 *
 * engine/contract/ (the claim and outcome types, the tolerance table, the matrix comparison) is
 * the vocabulary that layers 3–4 write their checks in: it imports only numerics and model.
 */
const LAYERS = [
  ['numerics', []],
  ['model', ['numerics']],
  ['engine/contract', ['numerics', 'model']],
  ['oracles', ['numerics', 'model']],
  ['paper', ['numerics', 'model', 'oracles', 'engine/contract']],
  ['generators', ['numerics', 'model', 'oracles', 'paper', 'engine/contract']],
  ['engine', ['numerics', 'model', 'engine/contract']],
  ['kinds', ['numerics', 'model', 'oracles', 'paper', 'generators', 'engine', 'engine/contract']],
  ['cli', ['numerics', 'model', 'oracles', 'paper', 'generators', 'engine', 'engine/contract', 'kinds']],
];
const ALL = LAYERS.map(([name]) => name);
const esc = (s) => s.replace(/[/.]/g, (c) => `\\${c}`);
/** A path regex for layer `name` that leaves out deeper layers listed separately (engine vs engine/contract). */
const pathOf = (name) => {
  const nested = ALL.filter((o) => o !== name && o.startsWith(`${name}/`));
  return nested.length === 0
    ? `^src/${esc(name)}/`
    : `^src/${esc(name)}/(?!${nested.map((o) => esc(o.slice(name.length + 1))).join('|')}/)`;
};
const TEST = '\\.test\\.ts$';
/** What a test may use besides its own layer's imports: test support, inputs and the truth. */
const TEST_EXTRAS = ['testing', 'generators', 'oracles', 'engine/contract'];
const uniq = (xs) => [...new Set(xs)];

module.exports = {
  forbidden: [
    ...LAYERS.map(([name, allowed]) => ({
      name: `layer-${name.replace('/', '-')}`,
      comment: `src/${name} may import only ${allowed.length ? allowed.map((a) => `src/${a}`).join(', ') : 'nothing of ours'} (and itself)`,
      severity: 'error',
      from: { path: pathOf(name), pathNot: TEST },
      to: {
        path: '^(src|properties)/',
        pathNot: [`^src/${esc(name)}/`, ...allowed.map(pathOf)],
      },
    })),
    ...LAYERS.map(([name, allowed]) => ({
      name: `layer-${name.replace('/', '-')}-tests`,
      comment: `tests of src/${name} may import what src/${name} may, and ${TEST_EXTRAS.map((a) => `src/${a}`).join(', ')}`,
      severity: 'error',
      from: { path: `${pathOf(name)}.*${TEST}` },
      to: {
        path: '^(src|properties)/',
        pathNot: [`^src/${esc(name)}/`, ...uniq([...allowed, ...TEST_EXTRAS]).map(pathOf)],
      },
    })),
    {
      name: 'oracles-independent',
      comment: 'each oracle is independent of the others: no oracle imports another',
      severity: 'error',
      from: { path: '^src/oracles/([^/]+)\\.ts$', pathNot: TEST },
      to: { path: '^src/oracles/', pathNot: '^src/oracles/$1\\.ts$' },
    },
    {
      name: 'test-support-only-in-tests',
      comment: 'src/testing/ holds test-only helpers: production code never imports it',
      severity: 'error',
      from: { path: '^(src|properties)/', pathNot: [TEST, '^src/testing/'] },
      to: { path: '^src/testing/' },
    },
    {
      name: 'properties-are-leaves',
      comment: 'nothing in src/ imports properties/ (the registry loads claim files by path)',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^properties/' },
    },
    {
      name: 'claims-declare-only',
      comment: 'a claim file is a declaration: it imports a kind, generators and the paper only',
      severity: 'error',
      from: { path: '^properties/.+\\.claim\\.ts$' },
      to: { path: '^(src|properties)/', pathNot: '^src/(kinds|generators|paper)/' },
    },
    {
      name: 'no-circular',
      comment: 'no import cycles: each module can be read after the ones it imports',
      severity: 'error',
      from: { path: '^(src|properties)/' },
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'every import resolves',
      severity: 'error',
      from: { path: '^(src|properties)/' },
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment: 'production code never imports a devDependency (npm ci --omit=dev must still run it)',
      severity: 'error',
      from: { path: '^src/', pathNot: [TEST, '^src/testing/'] },
      to: { dependencyTypes: ['npm-dev'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    // resolve packages through their "exports" maps, as Node does
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    exclude: { path: '(^|/)node_modules/' },
  },
};
