{#-
    The RFM grid seed maps every (r_score, f_score) cell of 1..segments__rfm_score_bins exactly once (25 cells
    by default) and nothing else: fails with each missing, duplicated or out-of-range cell.
-#}
{%- set bin_count = var('segments__rfm_score_bins') | int -%}
with

grid as (

    select
        r_score,
        f_score
    from {{ ref('rfm_segment_grid') }}

),

expected_cells as (

    {% for r_score in range(1, bin_count + 1) -%}
        {% for f_score in range(1, bin_count + 1) -%}
            select
                {{ r_score }} as r_score,
                {{ f_score }} as f_score
            {% if not loop.last %}union all
            {% endif %}
        {%- endfor %}
        {% if not loop.last %}union all
        {% endif %}
    {%- endfor %}

),

grid_counts as (

    select
        r_score,
        f_score,
        count(*) as cell_count
    from grid
    group by r_score, f_score

),

final as (

    select
        coalesce(expected_cells.r_score, grid_counts.r_score) as r_score,
        coalesce(expected_cells.f_score, grid_counts.f_score) as f_score,
        coalesce(grid_counts.cell_count, 0) as cell_count,
        expected_cells.r_score is not null as is_expected
    from expected_cells
    full outer join grid_counts
        on
            expected_cells.r_score = grid_counts.r_score
            and expected_cells.f_score = grid_counts.f_score

)

select * from final
where not is_expected or cell_count <> 1
{#- `dbt build --empty` reads the seed as no rows: no coverage to check -#}
{%- if flags.EMPTY %}
    and false
{%- endif %}
