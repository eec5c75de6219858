// pool.js — runs a job over many items with at most `concurrency` at a time
// (a folder scan: the host answers one request at a time, so a few in flight
// keep it busy while Thunderbird reads the next messages, without reading a
// whole folder into memory at once). No browser APIs here.
// @ts-check

/**
 * @template T, R
 * @param {AsyncIterable<T>|Iterable<T>} items
 * @param {(item: T) => Promise<R>} job a failure counts as a result ({error})
 * @param {{concurrency?: number, onResult?: (item: T, result: R | {error: unknown}) => void,
 *          cancelled?: () => boolean}} [options]
 * @returns {Promise<number>} how many items were run
 */
export async function runPool(items, job, { concurrency = 3, onResult = () => {}, cancelled = () => false } = {}) {
  /** @type {Iterator<T> | AsyncIterator<T>} */
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let count = 0;
  let done = false;
  const next = async () => {
    if (done || cancelled()) return null;
    const step = await iterator.next();
    if (step.done) done = true;
    return step.done ? null : step;
  };
  const worker = async () => {
    for (let step = await next(); step; step = await next()) {
      count++;
      /** @type {R | {error: unknown}} */
      let result;
      try {
        result = await job(step.value);
      } catch (e) {
        result = { error: e };
      }
      onResult(step.value, result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return count;
}
