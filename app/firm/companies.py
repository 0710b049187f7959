"""The company a plan's job posts to: its saved profile with the job's branch and mode, over
the token's rate limiter shared by the whole process (`LimiterRegistry`), so two jobs of
one company never exceed its limits, and each company has its own."""

from __future__ import annotations

import dataclasses

from app.api.ratelimit import LimiterRegistry
from app.firm.plan import Job
from app.posting.service import Company
from app.profiles.secrets import SecretStore
from app.profiles.store import ProfileStore
from app.setup.connect import company_for, host_saver


class FirmCompanies:
    """Makes each job's `Company` (not connected: its first request connects it)."""

    def __init__(
        self, store: ProfileStore, secrets: SecretStore, limiters: LimiterRegistry
    ) -> None:
        self.store = store
        self.secrets = secrets
        self.limiters = limiters

    def company(self, job: Job) -> Company:
        profile = self.store.get(job.company)
        if job.branch:
            profile = dataclasses.replace(profile, branch=job.branch)
        saver = host_saver(self.store, profile.name)
        return company_for(profile, self.secrets, self.limiters, store_host=saver, bulk=job.bulk)
