"""The support desk's Slack bot: answers a question in one turn, and triages tickets with tools.

Written against the Assistants API, like the TypeScript side of the app.
"""
import json
import os
import time

from openai import OpenAI

client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
ASSISTANT_ID = os.environ.get("SUPPORT_ASSISTANT_ID", "asst_support_desk")


def lookup_order(order_id: str) -> dict:
    # A stand-in for the order service the bot calls.
    return {"order_id": order_id, "status": "shipped", "eta_days": 2}


def answer(question: str) -> str:
    """One question, one reply: the thread lives only for this call."""
    thread = client.beta.threads.create()
    client.beta.threads.messages.create(thread_id=thread.id, role="user", content=question)
    run = client.beta.threads.runs.create_and_poll(thread_id=thread.id, assistant_id=ASSISTANT_ID)
    if run.status != "completed":
        return f"Sorry, I could not answer that ({run.status})."
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    return messages.data[0].content[0].text.value


def triage(ticket: str) -> str:
    """Lets the assistant look orders up until it can say where the customer's order is."""
    thread = client.beta.threads.create(messages=[{"role": "user", "content": ticket}])
    run = client.beta.threads.runs.create(thread_id=thread.id, assistant_id=ASSISTANT_ID)
    while run.status in ("queued", "in_progress", "requires_action"):
        if run.status == "requires_action":
            outputs = []
            for call in run.required_action.submit_tool_outputs.tool_calls:
                args = json.loads(call.function.arguments)
                outputs.append({"tool_call_id": call.id, "output": json.dumps(lookup_order(**args))})
            run = client.beta.threads.runs.submit_tool_outputs(thread_id=thread.id, run_id=run.id, tool_outputs=outputs)
        else:
            time.sleep(1)
            run = client.beta.threads.runs.retrieve(thread_id=thread.id, run_id=run.id)
    messages = client.beta.threads.messages.list(thread_id=thread.id)
    return messages.data[0].content[0].text.value


if __name__ == "__main__":
    print(answer("What are your opening hours?"))
    print(triage("Where is order 1042?"))
