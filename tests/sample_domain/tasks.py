from celery import shared_task


@shared_task(name="tests.sample_domain.tasks.tick")
def tick() -> int:
    return 1
