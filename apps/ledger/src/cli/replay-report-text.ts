import type { FieldDifference, ReplayReport } from '@ledger/audit';

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

function fieldLine(field: FieldDifference): string {
  return `      ${field.path}: live ${shown(field.live)}, replayed ${shown(field.replayed)}`;
}

/** The replay report as a person reads it: what was rebuilt, how fast, and every difference found. */
export function replayReportText(report: ReplayReport): string {
  const lines: string[] = [];
  const seconds = (report.durationMs / 1000).toFixed(1);
  const scope = report.asOf ? ` as of ${report.asOf}` : '';
  lines.push(`replayed ${report.events} events${scope} (up to position ${report.lastPosition}, head ${report.head}) in ${seconds} s: ${report.eventsPerSecond} events/s`);
  lines.push('read models:');
  for (const model of report.readModels) {
    const documents = Object.entries(model.documents)
      .map(([collection, count]) => `${collection}: ${count} documents`)
      .join(', ');
    lines.push(`  ${model.projection}: ${model.applied} events applied, up to position ${model.upTo}; ${documents || 'no collections'}`);
  }
  if (report.readModels.length === 0) lines.push('  (none)');
  lines.push(report.deadLetters.length === 0 ? 'dead letters: none' : `dead letters: ${report.deadLetters.length}`);
  for (const letter of report.deadLetters) lines.push(`  ${letter.projection} at position ${letter.position} (event ${letter.eventId}): ${letter.reason}`);

  const comparison = report.comparison;
  if (comparison) {
    const ignored = comparison.ignoredFields.length ? ` (ignoring ${comparison.ignoredFields.join(', ')})` : '';
    if (comparison.equal) {
      lines.push(`comparison with the live read models: ${comparison.documents} documents, no difference${ignored}`);
    } else {
      lines.push(`comparison with the live read models: ${comparison.differences.length} of ${comparison.documents} documents differ${ignored}`);
      for (const difference of comparison.differences) {
        const where = `${difference.collection}/${difference.id} (${difference.projection})`;
        if (difference.kind === 'only-live') lines.push(`  ${where}: in the live store only; the replay did not produce it`);
        else if (difference.kind === 'only-replayed') lines.push(`  ${where}: produced by the replay, missing from the live store`);
        else {
          lines.push(`  ${where}: ${difference.fields!.length} fields differ`);
          lines.push(...difference.fields!.map(fieldLine));
        }
      }
    }
  }
  return `${lines.join('\n')}\n`;
}
