import { z } from 'zod';
import { catalogue } from './catalogue.ts';

/**
 * JSON Schema of every event's data, generated from the zod schemas: draft 2020-12 by default; the
 * AsyncAPI document asks for draft-07, the dialect AsyncAPI schemas extend.
 */
export function eventJsonSchemas(options: { target?: 'draft-2020-12' | 'draft-07' } = {}): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const definition of catalogue) {
    schemas[`${definition.type}/v${definition.version}`] = {
      ...z.toJSONSchema(definition.schema, { io: 'input', target: options.target ?? 'draft-2020-12' }),
      title: `${definition.type} v${definition.version}`,
      description: definition.description,
      'x-service': definition.service,
    };
  }
  return schemas;
}
