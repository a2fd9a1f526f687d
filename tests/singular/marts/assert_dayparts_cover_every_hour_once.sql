{#-
    Seed dayparts: every local hour 0-23 falls in exactly one daypart (ranges are inclusive; start > end
    wraps midnight). Fails with each hour covered zero or several times.
-#}
with

dayparts as (

    select
        daypart,
        start_hour,
        end_hour
    from {{ ref('dayparts') }}

),

hours as (

    {% for hour in range(24) -%}
        select {{ hour }} as local_hour
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}

),

hour_coverage as (

    select
        hours.local_hour,
        count(dayparts.daypart) as daypart_count
    from hours
    left join dayparts
        on
            (
                dayparts.start_hour <= dayparts.end_hour
                and hours.local_hour >= dayparts.start_hour
                and hours.local_hour <= dayparts.end_hour
            )
            or (
                dayparts.start_hour > dayparts.end_hour
                and (
                    hours.local_hour >= dayparts.start_hour
                    or hours.local_hour <= dayparts.end_hour
                )
            )
    group by hours.local_hour

)

select * from hour_coverage
where daypart_count <> 1
{#- `dbt build --empty` reads the seed as no rows: no coverage to check -#}
{%- if flags.EMPTY %}
    and false
{%- endif %}
