from framework_builder.cli import main

main()
