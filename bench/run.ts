// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one.
const benchmarks: Record<string, () => Promise<unknown>> = {
  cdc: async () => (await import('./cdc.ts')).runCdcBenchmark(),
  verification: async () => (await import('./verification.ts')).runVerificationBenchmark(),
  fcm: async () => (await import('./fcm.ts')).runFcmBenchmark(),
  hospitals: async () => (await import('./hospitals.ts')).runHospitalsBenchmark(),
  gateway: async () => (await import('./gateway.ts')).runGatewayBenchmark(),
  attacks: async () => (await import('./attacks.ts')).runAttacksBenchmark(),
};

const asked = process.argv.slice(2).filter((a) => a !== '--');
const unknown = asked.filter((a) => !(a in benchmarks));
if (unknown.length > 0) {
  console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(benchmarks).join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of asked.length > 0 ? asked : Object.keys(benchmarks)) {
  console.log(`\n## benchmark: ${name}`);
  try {
    await benchmarks[name]!();
  } catch (error) {
    failed = true;
    console.error(`benchmark ${name} failed:`, error);
  }
}
process.exit(failed ? 1 : 0);
