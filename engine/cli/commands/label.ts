import { labelRecords, type LabelReport } from '../../normalize/auto-label.js'
import { encoderWorkspaceNormalizer } from '../../normalize/workspace-encoder.js'
import { JSON_OPTION, WORKSPACE_OPTION, actorOf, numberOption } from '../command.js'
import type { Command } from '../command.js'
import { withWorkspace } from './with-workspace.js'
import { CODE_SET_OPTION, NAME_THRESHOLD_OPTION, codeSetOption } from './workspace-options.js'

export const labelCommand: Command<LabelReport> = {
  name: ['label'],
  access: 'train-models',
  summary: "Noisy auto-labelling: normalise every record's diagnosis names and store the codes with confidence and provenance.",
  options: {
    workspace: WORKSPACE_OPTION,
    'code-set': CODE_SET_OPTION,
    threshold: NAME_THRESHOLD_OPTION,
    fit: { type: 'boolean', description: "fit and store the ranker on the workspace's pairs (coder-confirmed and learned from gold codes; 50+ names)" },
    'no-gold': { type: 'boolean', description: "don't learn (name, code) pairs from the records' imported gold codes first" },
    json: JSON_OPTION,
  },
  run: (options, _positionals, context) =>
    withWorkspace(options, async (workspace) => {
      const { database } = workspace
      const codeSetId = codeSetOption(database, options)
      const given = numberOption(options, 'threshold', { min: 0, max: 1 })
      // The installed name encoder (if any) with every record's names embedded first: labelling itself stays synchronous.
      const names = database.prepare<{ text: string }>("SELECT DISTINCT text FROM diagnosis_names WHERE injected_error IS NOT 'missing'").all().map((row) => row.text)
      const { encoder } = await encoderWorkspaceNormalizer(workspace, codeSetId, names)
      return labelRecords(database, {
        codeSetId,
        fit: options.fit === true,
        learnFromGold: options['no-gold'] !== true,
        actor: actorOf(context).id,
        encoder,
        ...(given === undefined ? {} : { threshold: given }),
      })
    }),
  describe: (result) => {
    const gold = result.againstGold
    const level = (name: string, scores: { precision: number; recall: number; f1: number }): string =>
      `    ${name.padEnd(22)} F1 ${scores.f1.toFixed(3)}  (precision ${scores.precision.toFixed(3)}, recall ${scores.recall.toFixed(3)})`
    return [
      `Labelled with ${result.labeller} (${result.ranker} ranker${result.calibrated ? ', calibrated' : ', hand-set: confidences not calibrated'}, threshold ${result.threshold}):`,
      ...(result.goldPairs
        ? [
            `  learned from gold codes: ${result.goldPairs.pairs} (name, code) pairs from ${result.goldPairs.records.aligned} records (${result.goldPairs.records.unchanged} unchanged); ` +
              `${result.goldPairs.goldCodes.unaligned} codes no name explains, ${result.goldPairs.goldCodes.notInCodeSet} not in the code set`,
          ]
        : []),
      `  pairs the normaliser learns from: ${result.pairs.confirmed} coder-confirmed, ${result.pairs.fromGold} from gold codes`,
      `  records: ${result.records.labelled} of ${result.records.withNames} with diagnosis names (${(result.records.coverage * 100).toFixed(1)}%); ${result.records.total} records in all`,
      `  names: ${result.names.labelled} of ${result.names.total} given an accepted code (${(result.names.coverage * 100).toFixed(1)}%)`,
      `  labels stored: ${result.labels.stored} (${result.labels.accepted} accepted, ${result.labels.acceptedPerName} per name)`,
      ...(gold
        ? [
            `  against gold codes (${gold.records} records; each record labelled without its own codes):`,
            level('full code', gold.full),
            level('first 7 characters', gold.sevenCharacters),
            level('category', gold.category),
            `    primary code found in ${(gold.primary.recall * 100).toFixed(1)}% of ${gold.primary.records} records (its category in ${(gold.primary.categoryRecall * 100).toFixed(1)}%)`,
            `    reliability (confidence → share right): ${gold.reliability.map((bin) => `${bin.meanConfidence.toFixed(2)}→${bin.accuracy.toFixed(2)} (${bin.count})`).join(', ')}; ECE ${gold.calibrationError}`,
          ]
        : []),
      `  ${result.elapsedMs} ms (${result.perNameMs} ms per name)`,
    ]
  },
}
