export const complaintStreamPrefix = 'complaint-';
export const complaintStream = (complaintId: string): string => `${complaintStreamPrefix}${complaintId}`;
