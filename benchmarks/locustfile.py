"""50 people browsing: each logs in through the login form and opens the registered list and detail pages.

Started by benchmarks/run.py, which writes BENCH_PAGES ({"password": ..., "users": {username: [[label, url], ...]}}).
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, events, task

SPEC = json.loads(open(os.environ["BENCH_PAGES"], encoding="utf-8").read())  # noqa: SIM115
USERNAMES = itertools.cycle(sorted(SPEC["users"]))
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LOGIN_NAMES = frozenset({"login form", "login"})
# Response times (ms) for run.py, written when locust quits: the logins of the ramp-up, and the pages browsed once
# all users are in (run.py starts locust with --reset-stats, so its own statistics cover that steady state too).
TIMES: dict[str, list] = {"login": [], "browse": [], "login_failures": []}


@events.request.add_listener
def _record(request_type, name, response_time, response_length, exception=None, **kwargs):
    if name in LOGIN_NAMES:
        TIMES["login"].append(response_time)
        if exception:
            TIMES["login_failures"].append(f"{name}: {exception}")
    else:
        TIMES["browse"].append(response_time)


@events.spawning_complete.add_listener
def _steady_state(user_count, **kwargs):
    TIMES["browse"].clear()


@events.quitting.add_listener
def _write_times(environment, **kwargs):
    out = os.environ.get("BENCH_TIMES")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump(TIMES, handle)


class Browser(HttpUser):
    # A person reading a page before opening the next one.
    wait_time = between(1, 3)

    def on_start(self):
        self.username = next(USERNAMES)
        self.pages = SPEC["users"][self.username]
        form = self.client.get("/accounts/login/", name="login form")
        token = CSRF_INPUT.search(form.text)
        with self.client.post(
            "/accounts/login/",
            data={
                "username": self.username,
                "password": SPEC["password"],
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
            name="login",
            catch_response=True,
        ) as response:
            if "/accounts/login/" in response.url:
                response.failure(f"login failed for {self.username}")

    @task
    def browse(self):
        label, url = random.choice(self.pages)
        self.client.get(url, name=label)
