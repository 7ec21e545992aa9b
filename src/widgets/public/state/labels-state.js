// @ts-check
// The label's state: the service's latest `labels`, which it works out from the events and sends
// to every client that connects, so the widget keeps nothing of its own.

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').LabelsData} LabelsData */

/**
 * The labels after a message: a `labels` message replaces them; anything else leaves them.
 * @param {LabelsData | null} labels  null until the service has sent them
 * @param {StreamMessage} message
 * @returns {LabelsData | null}
 */
export function reduceLabels(labels, message) {
  return message.type === 'labels' ? message.data : labels;
}
