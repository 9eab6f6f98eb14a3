// Operations read a 24-hour clock in both languages; times show in the configured zone (Asia/Tokyo).
export const TIME = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
export const DATE_TIME = { month: "short", day: "numeric", ...TIME } as const;
export const DAY = { month: "numeric", day: "numeric" } as const;
