"""The conformance kit, run on every plugin this repository installs.

Erlen's own plugins (erlen-sessions' ``cookie``, erlen-templating's
``jinja``) and the test suite's third-party-style ones (``memory``,
``mini``) prove here that they honour their slots, exactly as a plugin
author's test module would. The last tests prove the kit catches a plugin
that breaks a promise. They need those plugins installed beside
erlen-testing, which only the full environment has.
"""

from __future__ import annotations

import pytest

from erlen_testing.conformance import SessionInterfaceConformance
from erlen_testing.conformance import TemplateEngineConformance

pytest_plugins = ["pytester"]

#: The inner runs do not read this repository's settings; keep its rule.
WARNINGS_AS_ERRORS = "[pytest]\nfilterwarnings = error\n"


class TestCookieSessions(SessionInterfaceConformance):
    plugin_name = "cookie"


class TestMemorySessions(SessionInterfaceConformance):
    plugin_name = "memory"
    requires_secret_key = False


class TestJinjaTemplates(TemplateEngineConformance):
    plugin_name = "jinja"

    def expression(self, name: str) -> str:
        return "{{ " + name + " }}"


class TestMiniTemplates(TemplateEngineConformance):
    plugin_name = "mini"

    def expression(self, name: str) -> str:
        return "${" + name + "}"


LEAKY_SESSIONS = """
from erlen.plugins import registry
from erlen_test_plugins.sessions import MemorySessionInterface
from erlen_testing.conformance import SessionInterfaceConformance


class LeakyInterface(MemorySessionInterface):
    # Breaks two promises: every response sets the cookie, and reading
    # marks the session modified.
    def open_session(self, app, request):
        session = super().open_session(app, request)
        session.modified = True
        return session

    def save_untouched_session(self, app, request, response):
        response.set_cookie(self.get_cookie_name(app), "leaked")


class LeakySessions:
    contract_version = "1.0"

    def create_session_interface(self, app):
        return LeakyInterface()


registry.register("sessions", "leaky", LeakySessions())


class TestLeakySessions(SessionInterfaceConformance):
    plugin_name = "leaky"
    requires_secret_key = False
"""


def test_the_kit_catches_a_sessions_plugin_that_breaks_promises(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(WARNINGS_AS_ERRORS)
    pytester.makepyfile(test_leaky=LEAKY_SESSIONS)
    # A separate process: the plugin registers itself in the global registry.
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=2, passed=14)
    result.stdout.fnmatch_lines_random(
        [
            "FAILED *::test_a_request_that_never_touches_the_session_sets_no_cookie*",
            "FAILED *::test_reading_does_not_mark_the_session_modified*",
        ]
    )


def test_the_kit_catches_an_engine_that_ignores_the_context(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(WARNINGS_AS_ERRORS)
    pytester.makepyfile(
        test_forgetful="""
        from erlen.plugins import registry
        from erlen_test_templating import MiniEngine
        from erlen_testing.conformance import TemplateEngineConformance


        class ForgetfulEngine(MiniEngine):
            # Renders with the caller's values only, dropping the defaults.
            def render(self, name, context):
                keep = {k: v for k, v in context.items() if k not in ("request", "g")}
                return super().render(name, keep)


        class Forgetful:
            contract_version = "1.0"

            def create_engine(self, app):
                return ForgetfulEngine(app)


        registry.register("templating", "forgetful", Forgetful())


        class TestForgetful(TemplateEngineConformance):
            plugin_name = "forgetful"

            def expression(self, name):
                return "${" + name + "}"
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1, passed=11)
    result.stdout.fnmatch_lines(
        ["FAILED *::test_the_default_names_reach_the_template*"]
    )


def test_a_subclass_that_names_no_plugin_is_told_what_to_set(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeini(WARNINGS_AS_ERRORS)
    pytester.makepyfile(
        """
        from erlen_testing.conformance import SessionInterfaceConformance
        from erlen_testing.conformance import TemplateEngineConformance

        class TestUnnamedSessions(SessionInterfaceConformance):
            pass

        class TestUnnamedTemplates(TemplateEngineConformance):
            plugin_name = "jinja"
        """
    )
    result = pytester.runpytest(
        "-k", "test_a_new_client_starts or test_a_named_template_renders"
    )
    result.assert_outcomes(errors=2)
    result.stdout.fnmatch_lines_random(
        [
            "*TestUnnamedSessions does not say which plugin to test. Set the class"
            " attribute 'plugin_name'*",
            "*TestUnnamedTemplates must say how its engine prints a value*",
        ]
    )
