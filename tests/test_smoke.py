def test_version_prints_the_package_version(cli):
    from reflect import __version__

    outcome = cli("--version")
    assert outcome.exit_code == 0
    assert outcome.stdout.strip() == f"reflect {__version__}"
