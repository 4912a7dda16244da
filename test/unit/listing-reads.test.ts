// The language-neutral rule for reads of a thread's listed messages: which reads take the reply of
// the run just before (newest first unless order="asc"; `reversed`, role filters, `limit=`), and which
// are history. Both front ends ask it; here it is fed the read shapes by hand.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readsRunReply, type ListingRead } from "../../server/src/engine/migration/listingReads";

const read = (overrides: Partial<ListingRead>): ListingRead => ({ order: "desc", limited: false, picks: "first", reversed: false, assistantOnly: false, ...overrides });

describe("readsRunReply", () => {
  it("takes the newest message: the first of a newest-first listing, the last of an oldest-first one", () => {
    assert.equal(readsRunReply(read({}), false), true);
    assert.equal(readsRunReply(read({ picks: "last" }), false), false);
    assert.equal(readsRunReply(read({ order: "asc", picks: "last" }), false), true);
    assert.equal(readsRunReply(read({ order: "asc" }), false), false);
  });

  it("reversed() turns the listing round", () => {
    assert.equal(readsRunReply(read({ reversed: true }), false), false);
    assert.equal(readsRunReply(read({ reversed: true, picks: "last" }), false), true);
    assert.equal(readsRunReply(read({ order: "asc", reversed: true }), false), true);
  });

  it("a limited page listed oldest first may stop before the reply; listed newest first it starts with it", () => {
    assert.equal(readsRunReply(read({ limited: true }), false), true);
    assert.equal(readsRunReply(read({ order: "asc", limited: true, picks: "last" }), false), false);
    assert.equal(readsRunReply(read({ order: "asc", limited: true, assistantOnly: true }), true), false);
    assert.equal(readsRunReply(read({ limited: true, reversed: true, picks: "last" }), false), true);
  });

  it("every assistant message is the reply only in a thread that holds one exchange", () => {
    assert.equal(readsRunReply(read({ picks: "all", assistantOnly: true }), true), true);
    assert.equal(readsRunReply(read({ picks: "all", assistantOnly: true }), false), false);
    assert.equal(readsRunReply(read({ order: "asc", assistantOnly: true }), true), true);
    assert.equal(readsRunReply(read({ picks: "all" }), true), false);
  });

  it("an order that is not a literal says nothing about which message is read", () => {
    assert.equal(readsRunReply(read({ order: undefined }), true), false);
  });
});
