"""Serves every scheduled cycle against the Prefect server named by PREFECT_API_URL (``govern up`` starts it)."""

from prefect import serve

from flows.schedules import deployments


def main() -> None:
    serve(*deployments(), print_starting_message=False)


if __name__ == "__main__":
    main()
