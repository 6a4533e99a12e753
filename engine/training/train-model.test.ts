/**
 * The coding model end to end, at toy size so CI can afford it: workspace →
 * training bundle → PyTorch (3 steps) → ONNX bundle → golden check → TS
 * inference with kNN and names → evaluation → a submission joins the kNN
 * datastore and is found for the next similar record.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openWorkspaceModel, fillDatastore, holdWorkspaceModel } from '../coding/workspace-model.js'
import { checkBundleSignature } from '../bundle/bundle-signature.js'
import { acceptModelBundle } from '../model-trust/accept-model.js'
import { verifyPinnedModel } from '../model-trust/verify-pinned-model.js'
import { evaluateModel } from '../evaluation/evaluate-model.js'
import { readModelBundle } from '../coding/model-bundle.js'
import { toSuggestions } from '../coding/suggestions.js'
import type { CodingModel } from '../coding/coding-model.js'
import { handlersAs } from '../testing/signed-in.js'
import { openRecord } from '../decisions/record-view.js'
import { recordRowId } from '../records/record-row-id.js'
import type { SectionKind } from '../records/record-input.js'
import { storeImportBatch } from '../records/store-records.js'
import { createDemoWorkspace } from '../demo/create-demo-workspace.js'
import { openWorkspace, type Workspace } from '../workspace/workspace.js'
import { checkTrainerAvailable, modelsDirectory } from '../bundle/run-trainer.js'
import { trainModel, type TrainModelSummary } from './train-model.js'

const TRAINING_TIMEOUT_MS = 600_000
const DEMO_KEYS = join(modelsDirectory(), 'demo-signing-key')
/** Only the demo key, and signatures required: the bundle the Python trainer signed must verify here. */
const DEMO_KEY_POLICY = {
  trustedKeys: [{ name: 'demo', publicKey: readFileSync(join(DEMO_KEYS, 'demo.public.pem'), 'utf8').split('\n')[1] ?? '' }],
  requireSigned: true,
  allowWorkspaceKeys: false,
}

describe('coding model, trained tiny end to end', () => {
  let root: string
  let workspace: Workspace
  let trained: TrainModelSummary
  let model: CodingModel
  let lines: string[]

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clinicoco-train-'))
    createDemoWorkspace(join(root, 'ws'), { seed: 7, recordCount: 240, noiseRatio: 0.2, chineseShare: 0.5 })
    workspace = openWorkspace(join(root, 'ws'))
    lines = []
    trained = await trainModel(workspace.database, {
      outDir: join(root, 'model'),
      tiny: true,
      cleanShare: 0.5,
      keepTrainingBundle: true,
      // The Python trainer signs (its signing.py); the engine verifies below.
      extraArgs: ['--raw-epochs', '1', '--noisy-epochs', '1', '--clean-epochs', '8', '--sign-key', join(DEMO_KEYS, 'DEMO-ONLY-NOT-SECRET.private.pem')],
      onLine: (line) => lines.push(line),
    })
    model = await openWorkspaceModel(workspace, trained.modelDir)
    await fillDatastore(workspace.database, model)
  }, TRAINING_TIMEOUT_MS)

  afterAll(async () => {
    await model?.close()
    workspace?.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('exports every split the demo has, trains through the steps, and passes the golden check', () => {
    const { records } = trained.trainingBundle
    expect(records.clean).toBeGreaterThan(40)
    expect(records.noisy).toBeGreaterThan(40)
    expect(records.dev).toBeGreaterThan(10)
    expect(records.test).toBeGreaterThan(10)
    expect(lines.some((line) => line.startsWith('step=clean epoch=8/8'))).toBe(true)
    expect(trained.golden.passed).toBe(true)
    expect(trained.golden.maxAbsDifference).toBeLessThan(1e-4)
    expect(trained.codes).toBe(model.bundle.manifest.codes.length)
  })

  it('writes a bundle the Python trainer signed and the engine verifies', () => {
    expect(lines.some((line) => /^signed .*manifest\.json with key [0-9a-f]{16}$/.test(line))).toBe(true)
    expect(checkBundleSignature(trained.modelDir)).toMatchObject({ state: 'signed', keyId: expect.stringMatching(/^[0-9a-f]{16}$/) })
  })

  it('fills the kNN datastore with exactly the clean records', () => {
    expect(model.datastore.size()).toBe(trained.trainingBundle.records.clean)
  })

  it('suggests probabilities with evidence spans inside the record text and similar cases', async () => {
    const recordId = 'DEMO-000003'
    const scores = await model.scoreRecord(recordRowId(workspace.database, recordId))
    const suggestions = toSuggestions(workspace.database, model, scores, { recordId })
    const view = openRecord(workspace.database, recordId)
    expect(suggestions.codes.length).toBeGreaterThan(0)
    for (const code of suggestions.codes) {
      expect(code.probability).toBeGreaterThanOrEqual(0)
      expect(code.probability).toBeLessThanOrEqual(1)
      for (const span of code.evidence) {
        const text = view.sections[span.section]?.text ?? ''
        expect(span.start).toBeGreaterThanOrEqual(0)
        expect(span.end).toBeLessThanOrEqual(text.length)
        expect(span.end).toBeGreaterThan(span.start)
      }
    }
    expect(suggestions.codes.some((code) => code.evidence.length > 0)).toBe(true)
    // The toy model reads 128 tokens at a time: a demo record is read in chunks, and each code's
    // attention covers the chunk that gave its logit (all of it, [CLS] aside).
    const { maxTokens } = model.bundle.manifest.documentModel
    expect(scores.output.tokens).toBeGreaterThan(maxTokens)
    expect(scores.output.chunks).toBeGreaterThan(1)
    expect(scores.output.attention).toHaveLength(model.bundle.manifest.codes.length)
    for (const window of scores.output.attention) {
      expect(window.weights.length).toBe(window.tokens.length)
      expect(window.tokens.length).toBeGreaterThan(0)
      expect(window.tokens.length).toBeLessThanOrEqual(maxTokens - 1)
    }
    expect(suggestions.similarCases).toHaveLength(model.bundle.manifest.knn.k)
    expect(suggestions.similarCases.map((item) => item.recordId)).not.toContain(recordId)
  })

  it('evaluates dev and test with thresholds chosen on dev, and without kNN when asked', async () => {
    const full = await evaluateModel(workspace.database, model, { splits: ['dev', 'test'] })
    expect(full.dev.top50.record_count).toBeGreaterThan(10)
    expect(full.test?.all.micro_f1).toBeGreaterThan(0)
    expect(full.test?.top50.threshold).toBe(full.thresholds.top50)
    // Recall@k for a coder reading the ranked list (5, 9, 15): never lower for a longer list.
    const recall = [full.dev.all.recall_at_5, full.dev.all.recall_at_9, full.dev.all.recall_at_15]
    expect(recall.every((value) => typeof value === 'number')).toBe(true)
    expect(recall[0]!).toBeLessThanOrEqual(recall[1]!)
    expect(recall[1]!).toBeLessThanOrEqual(recall[2]!)
    const withoutKnn = await evaluateModel(workspace.database, model, { splits: ['dev'], knn: false, names: false })
    expect(withoutKnn.options).toEqual({ knn: false, names: false })
    expect(withoutKnn.dev.all.micro_f1).not.toBe(full.dev.all.micro_f1)
  })

  it('adds a submitted record to the kNN datastore at once: the next record like it retrieves it', async () => {
    await acceptModelBundle(workspace.database, trained.modelDir, { actor: 'admin', policy: DEMO_KEY_POLICY })
    const holder = holdWorkspaceModel(workspace, async () => (await verifyPinnedModel(workspace, DEMO_KEY_POLICY))?.bundle.dir ?? null)
    const handlers = handlersAs(workspace, 'coder', { model: holder })
    const submitted = 'DEMO-000005' // a dev/test/train record; its text is copied below
    const live = await holder.get()
    const before = live?.datastore.size() ?? 0
    await handlers.submitDecision({ recordId: submitted, codes: [{ code: 'I10', isPrimary: true }], comment: '', baseVersion: openRecord(workspace.database, submitted).decisions[0]?.version ?? 0, activeMs: 1000 })
    expect(live?.datastore.has(recordRowId(workspace.database, submitted))).toBe(true)
    expect(live?.datastore.size()).toBeGreaterThanOrEqual(before)

    const original = openRecord(workspace.database, submitted)
    storeImportBatch(workspace.database, {
      format: 'test',
      source: 'copy',
      sha256: 'copy',
      actor: 'coder',
      rejects: [],
      records: [
        {
          externalId: 'COPY-1',
          language: original.language,
          split: 'none',
          sections: original.sections.map((section) => ({ kind: section.kind as SectionKind, title: section.title, text: section.text })),
          diagnosisNames: [],
          goldCodes: [],
          mentions: [],
        },
      ],
    })
    const suggestions = await handlers.suggest({ recordId: 'COPY-1' })
    expect(suggestions.similarCases[0]?.recordId).toBe(submitted)
    expect(suggestions.similarCases[0]?.codes.map((code) => code.code)).toEqual(['I10'])
    expect(suggestions.similarCases[0]?.similarity).toBeGreaterThan(0.999)
    await holder.close()
  })

  it('refuses a bundle whose files were changed, naming the file', () => {
    const copy = join(root, 'tampered')
    mkdirSync(copy, { recursive: true })
    const bundle = readModelBundle(trained.modelDir)
    for (const file of ['manifest.json', ...Object.keys(bundle.manifest.files)]) {
      writeFileSync(join(copy, file), readFileSync(join(trained.modelDir, file)), { flag: 'w' })
    }
    writeFileSync(join(copy, 'vocab.txt'), readFileSync(join(copy, 'vocab.txt'), 'utf8') + 'extra\n')
    expect(() => readModelBundle(copy)).toThrow(/vocab\.txt has sha256 .* the manifest says/)
  })
})

describe('trainer availability', () => {
  it('says what to install when Python with PyTorch is missing', () => {
    const saved = process.env.CLINICOCO_PYTHON
    process.env.CLINICOCO_PYTHON = '/nonexistent/python3'
    try {
      expect(() => checkTrainerAvailable()).toThrow(/apt-get install -y --no-install-recommends python3-torch python3-onnx libopenblas0-pthread/)
    } finally {
      if (saved === undefined) delete process.env.CLINICOCO_PYTHON
      else process.env.CLINICOCO_PYTHON = saved
    }
  })
})
