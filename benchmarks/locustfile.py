"""50 people browsing: each logs in through the login form and opens the registered list and detail pages.

Started by benchmarks/run.py, which writes BENCH_PAGES ({"password": ..., "users": {username: [[label, url], ...]}}).
"""

import itertools
import json
import os
import random
import re

from locust import HttpUser, between, task

SPEC = json.loads(open(os.environ["BENCH_PAGES"], encoding="utf-8").read())  # noqa: SIM115
USERNAMES = itertools.cycle(sorted(SPEC["users"]))
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


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
