from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "fazhi.shell.ops"
    label = "ops"
    verbose_name = "运维"

    def ready(self) -> None:
        from fazhi import registry

        registry.command("run", "fazhi_run", "建库、首次加载示例场景并启动网站与后台任务进程")
        registry.command("worker", "fazhi_worker", "启动后台任务进程（含定时调度）")
