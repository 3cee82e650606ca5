export let count = 0;
export function bump() { count++; }
export const name = "counter";
