/** One stream per rectification item, per bad-review case, and per year's working-day calendar. */
export const rectificationStreamPrefix = 'rectification-';
export const rectificationStream = (rectificationId: string): string => `${rectificationStreamPrefix}${rectificationId}`;
export const badReviewStreamPrefix = 'bad-review-';
export const badReviewStream = (badReviewId: string): string => `${badReviewStreamPrefix}${badReviewId}`;
export const workingCalendarStreamPrefix = 'working-calendar-';
export const workingCalendarStream = (year: number): string => `${workingCalendarStreamPrefix}${year}`;
/** The rectification deadline policy's versions (not `rectification-…`: that prefix is the items'). */
export const deadlinePolicyStream = 'deadline-policy';
