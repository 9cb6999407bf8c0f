import { z } from 'zod';
import { catalogue } from './catalogue.ts';

/** JSON Schema (draft 2020-12) of every event's data, generated from the zod schemas. */
export function eventJsonSchemas(): Record<string, unknown> {
  const schemas: Record<string, unknown> = {};
  for (const definition of catalogue) {
    schemas[`${definition.type}/v${definition.version}`] = {
      ...z.toJSONSchema(definition.schema, { io: 'input' }),
      title: `${definition.type} v${definition.version}`,
      description: definition.description,
      'x-service': definition.service,
    };
  }
  return schemas;
}
