/** Whether `e` is a Node.js system error with this `code` (`ENOENT`, `EEXIST`, ...). */
export function isErrnoCode(e: unknown, code: string): e is NodeJS.ErrnoException {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === code;
}
