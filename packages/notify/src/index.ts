// Public surface of the notify package: the message model, the senders and sending them all.
export { DETAIL_READERS, readDetails } from './details.js';
export type { DetailReader } from './details.js';
export { DeliveryError, deliver, fetchHttp, judge, retryAfterMs } from './delivery.js';
export type { Http, HttpAnswer, HttpRequest } from './delivery.js';
export { EVENTS, buildMessage, endsDeploy, parseFields, parseInline } from './message.js';
export type { Details, Field, MessageInputs, NotifyMessage, Outcome } from './message.js';
export { SENDERS } from './registry.js';
export { sendAll } from './send-all.js';
export type { Delivery, Destination } from './send-all.js';
export type { Delivered, SendContext, Sender, SenderDescriptor, SenderInput, SenderValues } from './sender.js';
