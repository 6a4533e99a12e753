// Checks a model bundle in ONNX Runtime for Node (the runtime the engine uses):
// golden.json outputs within tolerance, manifest file hashes, and the latency of one
// document. Usage: node models/scripts/onnx-check.mjs MODEL_BUNDLE_DIR [tokens=1000] [runs=30]
// Python has no onnxruntime here, so this is the trainer's own check that the
// exported graph runs in ORT 1.30 and matches PyTorch.
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ort from 'onnxruntime-node'

const [bundleDir, tokensArgument = '1000', runsArgument = '30'] = process.argv.slice(2)
if (!bundleDir) {
  console.error('usage: node models/scripts/onnx-check.mjs MODEL_BUNDLE_DIR [tokens] [runs]')
  process.exit(2)
}
const INTRA_OP_THREADS = 2
const manifest = JSON.parse(readFileSync(join(bundleDir, 'manifest.json'), 'utf8'))

for (const [file, expected] of Object.entries(manifest.files)) {
  const actual = createHash('sha256').update(readFileSync(join(bundleDir, file))).digest('hex')
  if (actual !== expected) throw new Error(`${file}: sha256 ${actual} differs from manifest ${expected}`)
}

const session = await ort.InferenceSession.create(join(bundleDir, manifest.documentModel.file), {
  intraOpNumThreads: INTRA_OP_THREADS,
  interOpNumThreads: 1,
})

function tokenTensor(rows) {
  const data = BigInt64Array.from(rows.flat().map((id) => BigInt(id)))
  return new ort.Tensor('int64', data, [rows.length, rows[0].length])
}

function largestDifference(actual, expected) {
  const flat = expected.flat(Infinity)
  if (flat.length !== actual.length) throw new Error(`size ${actual.length} differs from golden ${flat.length}`)
  let largest = 0
  for (let index = 0; index < flat.length; index += 1) largest = Math.max(largest, Math.abs(actual[index] - flat[index]))
  return largest
}

const golden = JSON.parse(readFileSync(join(bundleDir, 'golden.json'), 'utf8'))
let worst = 0
for (const [caseIndex, goldenCase] of golden.cases.entries()) {
  const outputs = await session.run({ token_ids: tokenTensor(goldenCase.token_ids) })
  for (const name of ['logits', 'attention', 'embedding']) {
    const difference = largestDifference(outputs[name].data, goldenCase[name])
    worst = Math.max(worst, difference)
    if (difference > golden.tolerance) {
      throw new Error(`golden case ${caseIndex} ${name}: difference ${difference} > tolerance ${golden.tolerance}`)
    }
  }
}
console.log(`golden: ${golden.cases.length} cases match, largest difference ${worst.toExponential(2)}`)

const tokenCount = Number(tokensArgument)
const runs = Number(runsArgument)
const vocabularySize = readFileSync(join(bundleDir, manifest.tokenizer.vocabFile), 'utf8').split('\n').length - 1
let seed = 7
const document = Array.from({ length: tokenCount }, (_, index) => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return index === 0 ? 2 : 5 + (seed % Math.max(1, Math.min(vocabularySize - 5, 3000)))
})
const input = { token_ids: tokenTensor([document]) }
await session.run(input)
const milliseconds = []
for (let run = 0; run < runs; run += 1) {
  const started = performance.now()
  await session.run(input)
  milliseconds.push(performance.now() - started)
}
milliseconds.sort((a, b) => a - b)
const percentile = (p) => milliseconds[Math.min(runs - 1, Math.floor(p * runs))].toFixed(1)
console.log(
  `latency: ${tokenCount} tokens, ${manifest.codes.length} codes, ${INTRA_OP_THREADS} intra-op threads: ` +
    `p50 ${percentile(0.5)} ms, p95 ${percentile(0.95)} ms (${runs} runs)`,
)
