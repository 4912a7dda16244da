// sequential-tool-loop and unbounded-tool-concurrency on Python: async loops that await each call,
// sync loops that call a tool per call, asyncio.gather with and without a Semaphore, values followed
// through parentheses, cast(), conditionals, `or` and walrus; with the fixed output.
import { before } from "node:test";
import { ensurePythonParser } from "../../server/src/engine/index";
import { ruleTester } from "./support/ruleTester";
import { invIn } from "./support/cases";

before(() => ensurePythonParser());

const py = (code: string) => ({ code, filename: "tools.py" });
const AWAITS = "This loop awaits the run's tool calls one at a time: run them concurrently with a cap (asyncio.gather with an asyncio.Semaphore, default 3)";
const BLOCKS = "This loop runs the run's tool calls one after another, each blocking the next: run them together with a cap (concurrent.futures.ThreadPoolExecutor, default 3 workers)";

ruleTester.run("sequential-tool-loop", {
  valid: [
    py("for call in run.required_action.submit_tool_outputs.tool_calls:\n    outputs.append({'tool_call_id': call.id, 'output': '57'})\n"),
    py("for call in run.required_action.submit_tool_outputs.tool_calls:\n    args = json.loads(call.function.arguments)\n    logger.info('call %s', call.id)\n    outputs.append({'tool_call_id': call.id, 'output': str(args)})\n"),
    py("async def f(message):\n    for call in message.tool_calls:\n        queue.append(lambda: run_tool(call))\n"),
    py("for m in messages.data:\n    save(m)\nfor thread in forum.threads.list():\n    archive(thread)\n"),
    py("# for call in message.tool_calls: await run_tool(call)\n"),
    py("async def f(message):\n    # responses-migrate-disable-next-line sequential-tool-loop\n    for call in message.tool_calls:\n        await run_tool(call)\n"),
    py("async def f(message):\n    results = await asyncio.gather(*(run_tool(c) for c in message.tool_calls))\n"),
  ],
  invalid: [
    {
      ...invIn(
        "tools.py",
        "async def handle(run):\n    outputs = []\n    for call in run.required_action.submit_tool_outputs.tool_calls:\n        result = await run_tool(call)\n        outputs.append({\"tool_call_id\": call.id, \"output\": result})\n    return outputs\n",
        [3, "for call in run.required_action.submit_tool_outputs.tool_calls", AWAITS],
      ),
      output:
        "import asyncio\nasync def handle(run):\n    outputs = []\n    semaphore = asyncio.Semaphore(3)\n\n    async def run_tool_call(call):\n        async with semaphore:\n            result = await run_tool(call)\n            return {\"tool_call_id\": call.id, \"output\": result}\n\n    outputs.extend(await asyncio.gather(*(run_tool_call(call) for call in run.required_action.submit_tool_outputs.tool_calls)))\n    return outputs\n",
    },
    {
      ...invIn(
        "tools.py",
        "import json\n\n\ndef handle(run):\n    outputs = []\n    for call in run.required_action.submit_tool_outputs.tool_calls:\n        # one tool per call\n        args = json.loads(call.function.arguments)\n        outputs.append({\"tool_call_id\": call.id, \"output\": TOOLS[call.function.name](**args)})\n    return outputs\n",
        [6, "for call in run.required_action.submit_tool_outputs.tool_calls", BLOCKS],
      ),
      output:
        "import json\nimport concurrent.futures\n\n\ndef handle(run):\n    outputs = []\n    def run_tool_call(call):\n        # one tool per call\n        args = json.loads(call.function.arguments)\n        return {\"tool_call_id\": call.id, \"output\": TOOLS[call.function.name](**args)}\n\n    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as executor:\n        outputs.extend(executor.map(run_tool_call, run.required_action.submit_tool_outputs.tool_calls))\n    return outputs\n",
    },
    invIn("tools.py", "def f(response):\n    for item in response.output:\n        if item.type == \"function_call\":\n            handle(item)\n", [2, "for item in response.output", "the response's function calls one after another"]),
    invIn("tools.py", "def f(completion):\n    for tool_call in completion.choices[0].message.tool_calls:\n        dispatch(tool_call)\n", [2, "for tool_call in completion.choices[0].message.tool_calls", "the message's tool calls"]),
    invIn("tools.py", "async def f(run, other):\n    calls = run.required_action.submit_tool_outputs.tool_calls if run.required_action else other.calls\n    for c in calls:\n        await go(c)\n", [3, "for c in calls", AWAITS]),
    invIn("tools.py", "async def f(run):\n    calls = cast(list, (run.required_action.submit_tool_outputs.tool_calls)) or []\n    for i, c in enumerate(calls):\n        await go(c)\n", [3, "for i, c in enumerate(calls)", AWAITS]),
    invIn("tools.py", "async def f(run):\n    if (calls := run.required_action.submit_tool_outputs.tool_calls):\n        for c in calls:\n            await go(c)\n", [3, "for c in calls", AWAITS]),
    invIn("tools.py", "from openai.types.beta.threads import RequiredActionFunctionToolCall\n\nasync def f(calls: list[RequiredActionFunctionToolCall]):\n    async for x in stream(calls):\n        pass\n    for c in calls:\n        await go(c)\n", [6, "for c in calls", AWAITS]),
    invIn("tools.py", "async def f(response):\n    calls = [item for item in response.output if item.type == \"function_call\"]\n    for c in calls:\n        await go(c)\n", [3, "for c in calls", "the response's function calls one at a time"]),
  ],
});

ruleTester.run("unbounded-tool-concurrency", {
  valid: [
    py("async def f(message):\n    async def bounded(c):\n        async with semaphore:\n            return await run_tool(c)\n    return await asyncio.gather(*(bounded(c) for c in message.tool_calls))\n"),
    py("async def run_tool(c):\n    async with sem:\n        return await call(c)\n\nasync def f(message):\n    return await asyncio.gather(*[run_tool(c) for c in message.tool_calls])\n"),
    py("async def f(urls):\n    return await asyncio.gather(*(fetch(u) for u in urls))\n"),
    py("with ThreadPoolExecutor(max_workers=3) as pool:\n    outputs = list(pool.map(run_tool, message.tool_calls))\n"),
  ],
  invalid: [
    {
      ...invIn(
        "tools.py",
        "import asyncio\n\n\nasync def f(message):\n    return await asyncio.gather(*(run_tool(c) for c in message.tool_calls))\n",
        [5, "asyncio.gather", "`asyncio.gather` runs all of the message's tool calls at once: cap the concurrency (an asyncio.Semaphore) so rate-limited tools are not flooded"],
      ),
      output:
        "import asyncio\n\n\nasync def f(message):\n    semaphore = asyncio.Semaphore(3)\n\n    async def limited(coroutine):\n        async with semaphore:\n            return await coroutine\n\n    return await asyncio.gather(*(limited(run_tool(c)) for c in message.tool_calls))\n",
    },
    invIn("tools.py", "async def f(run):\n    tasks = [asyncio.create_task(run_tool(c)) for c in run.required_action.submit_tool_outputs.tool_calls]\n    return await asyncio.gather(*tasks)\n", [3, "asyncio.gather", "the run's tool calls"]),
    invIn("tools.py", "from asyncio import gather\n\nasync def f(tool_calls):\n    return await gather(*map(run_tool, tool_calls))\n", [4, "gather"]),
  ],
});
