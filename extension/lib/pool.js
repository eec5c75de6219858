// pool.js — runs a job over many items with at most `concurrency` at a time
// (a folder scan: the host answers one request at a time, so a few in flight
// keep it busy while Thunderbird reads the next messages, without reading a
// whole folder into memory at once). No browser APIs here.
// @ts-check

/**
 * @param {AsyncIterable|Iterable} items
 * @param {(item: any) => Promise<any>} job a failure counts as a result ({error})
 * @param {{concurrency?: number, onResult?: (item, result) => void, cancelled?: () => boolean}} [options]
 * @returns {Promise<number>} how many items were run
 */
export async function runPool(items, job, { concurrency = 3, onResult = () => {}, cancelled = () => false } = {}) {
  const iterator = (items[Symbol.asyncIterator] ?? items[Symbol.iterator]).call(items);
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
