package cn.tongxin.people.ui;

import cn.tongxin.ViewTest;
import cn.tongxin.base.ui.EmptyState;
import cn.tongxin.people.PersonRow;
import cn.tongxin.people.PersonService;
import cn.tongxin.people.ReferenceDataService;
import cn.tongxin.people.Rosters;
import cn.tongxin.people.UnitKind;
import cn.tongxin.people.UnitRef;
import cn.tongxin.people.UnitService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.textfield.TextField;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeopleListViewTest extends ViewTest {

    @Autowired
    PersonService people;
    @Autowired
    UnitService units;
    @Autowired
    ReferenceDataService reference;

    UnitRef county;
    String nameA;
    String nameB;

    @BeforeEach
    void two_people_in_a_county_of_our_own() {
        county = Rosters.newUnit(units, "青州市委统战部", Rosters.unique("列表测试县"), UnitKind.COUNTY);
        nameA = Rosters.unique("列甲");
        nameB = Rosters.unique("列乙");
        Rosters.newPerson(people, reference, nameA, county.id());
        Rosters.newPerson(people, reference, nameB, county.id());
    }

    @SuppressWarnings("unchecked")
    private Grid<PersonRow> grid() {
        return $(Grid.class).id("people-grid");
    }

    @Test
    @WithUserDetails("qingzhou")
    void the_list_shows_the_callers_people_and_the_unit_filter_narrows_it() {
        navigate(PeopleListView.class);
        int all = test(grid()).size();
        assertThat(all).isGreaterThan(2);
        assertThat(test(grid()).getRow(0).maskedIdCard()).contains("********");

        @SuppressWarnings("unchecked")
        ComboBox<UnitRef> unit = $(ComboBox.class).id("people-unit");
        test(unit).selectItem(county.name());

        assertThat(test(grid()).size()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            names.add(test(grid()).getRow(i).name());
        }
        assertThat(names).containsExactlyInAnyOrder(nameA, nameB);
        assertThat($(Span.class).id("people-count").getText()).isEqualTo("共 2 人");
    }

    @Test
    @WithUserDetails("qingzhou")
    void the_unit_filter_offers_only_the_callers_units() {
        navigate(PeopleListView.class);
        @SuppressWarnings("unchecked")
        ComboBox<UnitRef> unit = $(ComboBox.class).id("people-unit");
        List<String> offered = test(unit).getSuggestions();
        assertThat(offered).contains("青州市委统战部", "青山区委统战部", county.name()).doesNotContain("云州市委统战部");
    }

    @Test
    @WithUserDetails("organizer")
    void text_search_finds_by_name_and_shows_an_empty_state_when_nothing_matches() {
        navigate(PeopleListView.class);
        test($(TextField.class).id("people-search")).setValue(nameA);
        assertThat(test(grid()).size()).isEqualTo(1);
        assertThat(test(grid()).getRow(0).name()).isEqualTo(nameA);

        test($(TextField.class).id("people-search")).setValue("没有这个人" + nameA);
        assertThat($(Grid.class).withId("people-grid").all()).as("the grid is hidden").isEmpty();
        assertThat($(EmptyState.class).id("people-empty").isVisible()).isTrue();
        assertThat($(Span.class).id("people-count").getText()).isEqualTo("共 0 人");

        test($(Button.class).id("people-reset")).click();
        assertThat(test(grid()).size()).isGreaterThan(2);
        assertThat($(EmptyState.class).withId("people-empty").all()).isEmpty();
    }

    @Test
    @WithUserDetails("qingzhou")
    void clicking_a_row_opens_the_persons_record() {
        navigate(PeopleListView.class);
        test($(TextField.class).id("people-search")).setValue(nameB);
        test(grid()).clickRow(0);
        assertThat(getCurrentView()).isInstanceOf(PersonDetailView.class);
        assertThat($(com.vaadin.flow.component.html.H3.class).id("person-name").getText()).isEqualTo(nameB);
    }

    @Test
    @WithUserDetails("qingzhou")
    void export_downloads_every_matching_row_with_masked_numbers() throws Exception {
        navigate(PeopleListView.class);
        @SuppressWarnings("unchecked")
        ComboBox<UnitRef> unit = $(ComboBox.class).id("people-unit");
        test(unit).selectItem(county.name());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        test($(Anchor.class).id("people-export")).download(out);

        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            assertThat(rows.subList(1, 3)).extracting(r -> r.getCellText(0)).containsExactlyInAnyOrder(nameA, nameB);
            assertThat(rows.get(1).getCellText(4)).contains("********");
        }
    }

    @Test
    @WithUserDetails("checker")
    void a_checker_sees_the_list_but_no_new_person_button() {
        navigate(PeopleListView.class);
        assertThat(test(grid()).size()).isGreaterThan(2);
        assertThat($(Button.class).withId("people-new").all()).isEmpty();
    }
}
