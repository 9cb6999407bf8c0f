export * from './state.ts';
export * from './ids.ts';
export * from './count-fault.ts';
export * from './record-incident.ts';
export * from './carry-out.ts';
export * from './read.ts';
