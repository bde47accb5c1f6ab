"""``flask.sansio``: the registration logic, without the request cycle."""
