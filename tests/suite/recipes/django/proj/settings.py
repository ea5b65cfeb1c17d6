"""settings.py - the Django recipe: SQLite, one app, JUnit XML through
unittest-xml-reporting to the path dbbench suite gives (DBBENCH_JUNIT)."""
import os

SECRET_KEY = "dbbench-recipe"
INSTALLED_APPS = ["shop"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(os.environ.get("TMPDIR", "/tmp"), "dbbench-django.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_TZ = True
TEST_RUNNER = "xmlrunner.extra.djangotestrunner.XMLTestRunner"
TEST_OUTPUT_FILE_NAME = os.environ.get("DBBENCH_JUNIT", "junit.xml")
