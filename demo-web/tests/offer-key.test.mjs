// The demo's and the studio's one offer key (offer-key.js): offers the engine tells apart
// get different keys, the same offer the same key whatever its field order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { offerKey } from '../offer-key.js';

test('offers the engine tells apart have different keys', () => {
  const offers = [
    { kind: 'bvc-talk', socialServices: false },
    { kind: 'bvc-talk', socialServices: true },
    { kind: 'home-visit', socialServices: false },
    { kind: 'referral', to: 'adult-psychiatry' },
    { kind: 'referral', to: 'primary-care' },
    { kind: 'written-info', topic: 'safe-sleep' },
    { kind: 'written-info', topic: 'burns' },
    { kind: 'programme-enrolment', programme: 'rinkeby-model', version: '1.0.0' },
    { kind: 'programme-enrolment', programme: 'rinkeby-model', version: '1.1.0' },
    { kind: 'programme-enrolment', programme: 'skaggetorp-model', version: '1.0.0' },
  ];
  const keys = offers.map(offerKey);
  assert.equal(new Set(keys).size, offers.length, keys.join('\n'));
});

test('the same offer has the same key whatever the order of its fields', () => {
  assert.equal(
    offerKey({ kind: 'programme-enrolment', programme: 'rinkeby-model', version: '1.0.0' }),
    offerKey({ version: '1.0.0', programme: 'rinkeby-model', kind: 'programme-enrolment' }),
  );
  assert.equal(offerKey({ kind: 'bvc-talk', socialServices: false }), offerKey({ socialServices: false, kind: 'bvc-talk' }));
});
