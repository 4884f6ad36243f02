// One offer's identity in the engine's JSON (`{ kind, ... }`): its kind and every field
// that tells two offers of one kind apart (a talk with or without social services, a
// referral's target, a topic, a programme and its version). The demo, the studio and their
// browser tests key offers by it, so it is written once, here.

/** A string key for an offer object as the engine writes it. */
export const offerKey = (o) =>
  JSON.stringify([o.kind, o.socialServices ?? null, o.to ?? null, o.topic ?? null, o.programme ?? null, o.version ?? null]);
