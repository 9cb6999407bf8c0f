/** One stream per assessment year: its close and everything the close decided. */
export const periodStream = (year: number): string => `period-${year}`;
