// Uses the official Dapr JavaScript SDK over HTTP (its default) against the sidecar named by
// DAPR_HTTP_PORT: saves and reads state, then publishes an event. Prints "polyglot ok" on success.
import { CommunicationProtocolEnum, DaprClient } from "@dapr/dapr";

const client = new DaprClient({
  daprHost: "127.0.0.1",
  daprPort: process.env.DAPR_HTTP_PORT,
  communicationProtocol: CommunicationProtocolEnum.HTTP,
});

const order = { orderId: 7, from: "node" };
await client.state.save("statestore", [{ key: "polyglot-order", value: order }]);
const stored = await client.state.get("statestore", "polyglot-order");
if (stored?.orderId !== order.orderId || stored?.from !== order.from) {
  throw new Error(`state read back ${JSON.stringify(stored)}, expected ${JSON.stringify(order)}`);
}

const published = await client.pubsub.publish("pubsub", "orders", order);
if (published?.error) {
  throw new Error(`publish failed: ${published.error}`);
}
console.log("polyglot ok");
