import { ruleTester } from "./support/ruleTester";
import { IMPORT, inv } from "./support/cases";

ruleTester.run("store-false-chain", {
  valid: [
    `${IMPORT}await openai.responses.create({ model, input, store: false });`,
    `${IMPORT}await openai.responses.create({ model, input, previous_response_id: id });`,
    `${IMPORT}await openai.responses.create({ model, input, store: true, previous_response_id: id });`,
    `${IMPORT}await openai.responses.create({ model, input, store: shouldStore, previous_response_id: id });`,
    `${IMPORT}// responses-migrate-disable-next-line store-false-chain\nawait openai.responses.create({ store: false, previous_response_id: id });`,
    "// openai.responses.create({ store: false, previous_response_id: id })",
  ],
  invalid: [
    inv(
      `${IMPORT}await openai.responses.create({ model, input, store: false, previous_response_id: id });`,
      [3, "store: false", "`store: false` responses are not kept, so `previous_response_id` cannot chain to them (400 previous_response_not_found): drop one of the two"],
    ),
    inv(`${IMPORT}await openai.responses.create({\n  previous_response_id: id,\n  store: false,\n  input,\n});`, [5, "store: false"]),
    inv(`${IMPORT}const options = { model, store: false, previous_response_id: id, input };\nawait openai.responses.create(options);`, [3, "store: false"]),
    // A receiver of unknown origin still counts: the options are OpenAI's own names.
    inv("await getClient().responses.create({ store: false, previous_response_id: id });", [1, "store: false"]),
    inv(`${IMPORT}openai.responses.stream({ store: false, previous_response_id: id, input });`, [3, "store: false"]),
  ],
});
